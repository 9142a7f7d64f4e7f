using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Tests.Heroku;

public sealed class HerokuOptionsTests
{
    private static HerokuOptions Configure(Dictionary<string, string?> values, out ValidateOptionsResult result)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var setup = new HerokuOptionsSetup(configuration);
        var options = new HerokuOptions();
        setup.Configure(options);
        result = setup.Validate(Options.DefaultName, options);
        return options;
    }

    [Fact]
    public void The_tutorial_config_vars_fill_the_client()
    {
        var options = Configure(new() { ["HEROKU_OAUTH_ID"] = "id-from-env", ["HEROKU_OAUTH_SECRET"] = "secret-from-env" }, out var result);

        Assert.True(result.Succeeded);
        Assert.Equal("id-from-env", options.ClientId);
        Assert.Equal("secret-from-env", options.ClientSecret);
    }

    [Fact]
    public void The_Heroku_section_wins_over_the_tutorial_config_vars()
    {
        var options = Configure(new() { ["Heroku:ClientId"] = "section", ["Heroku:ClientSecret"] = "s", ["HEROKU_OAUTH_ID"] = "env" }, out _);

        Assert.Equal("section", options.ClientId);
    }

    [Fact]
    public void Defaults_point_at_Heroku_and_ask_for_the_identity_scope()
    {
        var options = Configure(new() { ["HEROKU_OAUTH_ID"] = "id", ["HEROKU_OAUTH_SECRET"] = "secret" }, out _);

        Assert.Equal("https://id.heroku.com/oauth/authorize", options.AuthorizationEndpoint);
        Assert.Equal("https://id.heroku.com/oauth/token", options.TokenEndpoint);
        Assert.Equal(new Uri("https://api.heroku.com/account"), options.AccountEndpoint);
        Assert.Equal("identity", options.Scope);
    }

    [Fact]
    public void A_missing_client_names_the_config_vars_to_set()
    {
        Configure([], out var result);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("HEROKU_OAUTH_ID", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("HEROKU_OAUTH_SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void An_api_base_address_without_a_trailing_slash_keeps_its_path()
    {
        var options = Configure(new() { ["HEROKU_OAUTH_ID"] = "i", ["HEROKU_OAUTH_SECRET"] = "s", ["Heroku:ApiBaseAddress"] = "http://127.0.0.1:9000/fake" }, out _);

        Assert.Equal(new Uri("http://127.0.0.1:9000/fake/account"), options.AccountEndpoint);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("identity read")]
    [InlineData("  identity   write-protected ")]
    [InlineData("global")]
    public void Scopes_that_can_read_the_account_are_accepted(string scope)
    {
        Configure(new() { ["HEROKU_OAUTH_ID"] = "i", ["HEROKU_OAUTH_SECRET"] = "s", ["Heroku:Scope"] = scope }, out var result);

        Assert.True(result.Succeeded, string.Join('\n', result.Failures ?? []));
    }

    [Theory]
    [InlineData("read", "cannot read the account at sign-in")]
    [InlineData("write read-protected", "cannot read the account at sign-in")]
    [InlineData("identity apps", "scopes Heroku does not know: apps")]
    [InlineData(" ", "Heroku:Scope is empty")]
    public void A_scope_that_cannot_sign_in_is_rejected_at_start_naming_the_setting(string scope, string failure)
    {
        Configure(new() { ["HEROKU_OAUTH_ID"] = "i", ["HEROKU_OAUTH_SECRET"] = "s", ["Heroku:Scope"] = scope }, out var result);

        var message = Assert.Single(result.Failures!);
        Assert.Contains("Heroku:Scope", message, StringComparison.Ordinal);
        Assert.Contains(failure, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity", "identity", true)]
    [InlineData("identity", "read", false)]
    [InlineData("identity read", "read", true)]
    [InlineData("identity write", "read", true)]
    [InlineData("identity read-protected", "read", true)]
    [InlineData("identity write-protected", "read", true)]
    [InlineData("global", "read", true)]
    [InlineData("read", "identity", false)]
    [InlineData("global", "identity", true)]
    [InlineData("identity write-protected", "global", false)]
    [InlineData("global", "global", true)]
    public void A_broader_scope_includes_the_narrower_ones(string configured, string needed, bool allowed)
    {
        var options = Configure(new() { ["HEROKU_OAUTH_ID"] = "i", ["HEROKU_OAUTH_SECRET"] = "s", ["Heroku:Scope"] = configured }, out _);

        Assert.Equal(allowed, options.Allows(needed));
    }

    [Fact]
    public void A_relative_token_endpoint_is_rejected_with_its_setting_name()
    {
        Configure(new() { ["HEROKU_OAUTH_ID"] = "i", ["HEROKU_OAUTH_SECRET"] = "s", ["Heroku:TokenEndpoint"] = "/oauth/token" }, out var result);

        Assert.Contains(result.Failures!, f => f.Contains("Heroku:TokenEndpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Production_without_a_client_stops_at_boot_naming_HEROKU_OAUTH_ID()
    {
        using var factory = new HerokuAppFactory().With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);

        var error = Assert.IsType<OptionsValidationException>(factory.StartupFailure());

        Assert.Contains("HEROKU_OAUTH_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("HEROKU_OAUTH_SECRET", error.Message, StringComparison.Ordinal);
    }
}
