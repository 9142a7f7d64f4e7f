using System.Security.Claims;
using System.Text.Json;
using HerokuOAuthMvc.Authentication;
using AspNet.Security.OAuth.Heroku;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Http;

namespace HerokuOAuthMvc.Tests.Authentication;

public sealed class HerokuAccountClaimsTests
{
    private const string Issuer = HerokuAuthenticationDefaults.AuthenticationScheme;

    private static readonly HerokuAuthenticationOptions Provider = new();

    [Theory]
    [InlineData("""{"id":"01234567-89ab-cdef-0123-456789abcdef","email":"ada@example.com","name":"Ada Lovelace","verified":true,"two_factor_authentication":true,"federated":false,"created_at":"2015-03-01T12:00:00Z","last_login":"2026-11-28T09:30:00Z"}""")]
    [InlineData("""{"id":"01234567-89ab-cdef-0123-456789abcdef","email":"ada@example.com","name":null,"verified":false,"two_factor_authentication":false,"federated":true,"created_at":null,"last_login":null}""")]
    public void Refresh_writes_the_claims_sign_in_wrote(string accountJson)
    {
        using var payload = JsonDocument.Parse(accountJson);
        var signedIn = new ClaimsIdentity(Issuer);
        foreach (var action in Provider.ClaimActions)
        {
            action.Run(payload.RootElement, signedIn, Issuer);
        }

        var account = JsonSerializer.Deserialize<HerokuAccount>(accountJson)!;
        var refreshed = HerokuAccountClaims.ToPrincipal(account, new ClaimsPrincipal(signedIn), Provider.ClaimActions);

        Assert.Equal(signedIn.Claims.Select(c => (c.Type, c.Issuer)), refreshed.Claims.Select(c => (c.Type, c.Issuer)));
        Assert.Equal(Issuer, refreshed.Identity?.AuthenticationType);
        Assert.Equal(account, HerokuAccountClaims.ToAccount(new ClaimsPrincipal(signedIn)));
        Assert.Equal(account, HerokuAccountClaims.ToAccount(refreshed));
    }

    [Theory]
    [InlineData("""{"id":"1","email":"ada@example.com","name":null}""")]
    [InlineData("""{"id":"1","email":"ada@example.com","name":""}""")]
    [InlineData("""{"id":"1","email":"ada@example.com"}""")]
    public void An_account_without_a_name_is_shown_by_its_email(string accountJson)
    {
        using var payload = JsonDocument.Parse(accountJson);
        var identity = new ClaimsIdentity(Issuer);
        foreach (var action in Provider.ClaimActions)
        {
            action.Run(payload.RootElement, identity, Issuer);
        }

        Assert.Equal("ada@example.com", HerokuAccountClaims.ToAccount(new ClaimsPrincipal(identity))?.DisplayName);
    }

    [Fact]
    public void A_request_reads_the_account_from_its_claims_once()
    {
        var context = new DefaultHttpContext { User = Principal("ada@example.com") };

        var first = HerokuAccountClaims.Account(context);

        Assert.Equal("ada@example.com", first?.Email);
        Assert.Same(first, HerokuAccountClaims.Account(context));
    }

    [Fact]
    public void A_request_whose_principal_changes_reads_the_new_account()
    {
        var context = new DefaultHttpContext { User = Principal("ada@example.com") };
        HerokuAccountClaims.Account(context);

        context.User = Principal("ada.king@example.com");

        Assert.Equal("ada.king@example.com", HerokuAccountClaims.Account(context)?.Email);
    }

    [Fact]
    public void A_visitor_has_no_account()
    {
        Assert.Null(HerokuAccountClaims.Account(new DefaultHttpContext()));
    }

    private static ClaimsPrincipal Principal(string email) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(ClaimTypes.Email, email)], Issuer));
}
