using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AspNet.Security.OAuth.Heroku;

public sealed class HerokuAuthenticationOptionsTests
{
    private static ClaimsIdentity MapClaims(string accountJson)
    {
        var options = new HerokuAuthenticationOptions();
        var identity = new ClaimsIdentity(HerokuAuthenticationDefaults.AuthenticationScheme);
        using var document = JsonDocument.Parse(accountJson);
        foreach (var action in options.ClaimActions)
        {
            action.Run(document.RootElement, identity, options.ClaimsIssuer!);
        }

        return identity;
    }

    [Fact]
    public void Defaults_ask_Heroku_for_the_identity_scope_only_at_its_endpoints_and_do_not_use_PKCE()
    {
        var options = new HerokuAuthenticationOptions();

        Assert.Equal(["identity"], options.Scope);
        Assert.False(options.UsePkce);
        Assert.Equal("https://id.heroku.com/oauth/authorize", options.AuthorizationEndpoint);
        Assert.Equal("https://id.heroku.com/oauth/token", options.TokenEndpoint);
        Assert.Equal("https://api.heroku.com/account", options.UserInformationEndpoint);
        Assert.Equal("/signin-heroku", options.CallbackPath);
        Assert.Equal("Heroku", options.ClaimsIssuer);
    }

    [Fact]
    public async Task AddHeroku_registers_the_Heroku_scheme_with_its_display_name_and_handler()
    {
        await using var services = new ServiceCollection().AddLogging().AddAuthentication().AddHeroku().Services.BuildServiceProvider();

        var scheme = await services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("Heroku");

        Assert.NotNull(scheme);
        Assert.Equal("Heroku", scheme.DisplayName);
        Assert.Equal(typeof(HerokuAuthenticationHandler), scheme.HandlerType);
    }

    [Fact]
    public async Task AddHeroku_takes_a_scheme_name_and_caption_of_the_apps_choosing()
    {
        await using var services = new ServiceCollection().AddLogging().AddAuthentication()
            .AddHeroku("HerokuStaging", "Heroku (staging)", options =>
            {
                options.ClientId = "staging-client";
                options.ClientSecret = "staging-secret";
            })
            .Services.BuildServiceProvider();

        var scheme = await services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("HerokuStaging");

        Assert.Equal("Heroku (staging)", scheme?.DisplayName);
        Assert.Equal("staging-client", services.GetRequiredService<IOptionsMonitor<HerokuAuthenticationOptions>>().Get("HerokuStaging").ClientId);
    }

    [Fact]
    public void Options_with_no_scope_are_refused_because_Heroku_would_grant_global()
    {
        var options = new HerokuAuthenticationOptions { ClientId = "my-client-id", ClientSecret = "my-client-secret" };
        options.Scope.Clear();

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(options.Scope), error.ParamName);
        Assert.Contains("'global' (full access to every app)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_with_a_client_and_a_scope_are_valid()
    {
        var options = new HerokuAuthenticationOptions { ClientId = "my-client-id", ClientSecret = "my-client-secret" };

        options.Validate();
    }

    [Fact]
    public void Claims_come_from_the_account_id_email_and_name()
    {
        var identity = MapClaims("""
            {"id":"5b3b8e36","email":"ada@example.com","name":"Ada Lovelace","verified":true,
             "two_factor_authentication":false,"created_at":"2015-03-01T10:00:00Z"}
            """);

        Assert.Equal("5b3b8e36", identity.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal("ada@example.com", identity.FindFirst(ClaimTypes.Email)?.Value);
        Assert.Equal("Ada Lovelace", identity.FindFirst(ClaimTypes.Name)?.Value);
        Assert.Equal("true", identity.FindFirst(HerokuAuthenticationConstants.Claims.Verified)?.Value, ignoreCase: true);
        Assert.Equal("Heroku", identity.FindFirst(ClaimTypes.Email)?.Issuer);
    }

    [Theory]
    [InlineData("""{"id":"1","email":"ada@example.com","name":null}""")]
    [InlineData("""{"id":"1","email":"ada@example.com","name":""}""")]
    [InlineData("""{"id":"1","email":"ada@example.com"}""")]
    public void An_account_without_a_name_gets_no_name_claim(string accountJson)
    {
        var identity = MapClaims(accountJson);

        Assert.Null(identity.FindFirst(ClaimTypes.Name));
        Assert.Equal("ada@example.com", identity.FindFirst(ClaimTypes.Email)?.Value);
    }
}
