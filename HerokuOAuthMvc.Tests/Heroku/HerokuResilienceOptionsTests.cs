using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Heroku;

public sealed class HerokuResilienceOptionsTests
{
    [Fact]
    public void The_defaults_give_up_well_before_the_router_does()
    {
        var options = new HerokuResilienceOptions();

        Assert.True(new HerokuResilienceOptions.Validator().Validate(null, options).Succeeded);
        Assert.InRange(options.TotalTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.InRange(options.MaxRetryAttempts, 1, 3);
    }

    [Theory]
    [InlineData("TotalTimeout", "00:00:40")]
    [InlineData("AttemptTimeout", "00:00:00")]
    [InlineData("MaxRetryAttempts", "9")]
    [InlineData("MaxRetryAttempts", "0")]
    [InlineData("RetryDelay", "00:01:00")]
    public void A_setting_that_could_outlast_the_router_stops_the_app_naming_it(string setting, string value)
    {
        using var factory = new HerokuAppFactory().With($"Heroku:Resilience:{setting}", value);

        var error = factory.StartupFailure();

        Assert.Contains($"Heroku:Resilience:{setting}", error.ToString(), StringComparison.Ordinal);
    }
}
