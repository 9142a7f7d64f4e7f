using System.Security.Claims;
using System.Text.Json;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Authentication.Heroku;

namespace HerokuOAuthMvc.Tests.Authentication.Heroku;

public sealed class HerokuAuthenticationOptionsTests
{
    private static ClaimsIdentity MapClaims(string accountJson)
    {
        var options = new HerokuAuthenticationOptions();
        var identity = new ClaimsIdentity("Heroku");
        using var document = JsonDocument.Parse(accountJson);
        foreach (var action in options.ClaimActions)
        {
            action.Run(document.RootElement, identity, options.ClaimsIssuer!);
        }

        return identity;
    }

    [Fact]
    public void Defaults_ask_Heroku_for_the_identity_scope_only_and_do_not_use_PKCE()
    {
        var options = new HerokuAuthenticationOptions();

        Assert.Equal(["identity"], options.Scope);
        Assert.False(options.UsePkce);
        Assert.Equal("https://id.heroku.com/oauth/authorize", options.AuthorizationEndpoint);
        Assert.Equal("https://id.heroku.com/oauth/token", options.TokenEndpoint);
        Assert.Equal("https://api.heroku.com/account", options.UserInformationEndpoint);
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
    public void An_account_without_a_name_is_shown_by_its_email(string accountJson)
    {
        var identity = MapClaims(accountJson);

        Assert.Equal("ada@example.com", HerokuAccountClaims.DisplayName(new ClaimsPrincipal(identity)));
    }
}
