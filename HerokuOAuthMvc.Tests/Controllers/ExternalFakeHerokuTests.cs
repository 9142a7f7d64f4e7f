using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>Production with an OAuth client, its <c>Heroku__*</c> endpoints pointed at a fake Heroku over real HTTP.</summary>
public sealed class ExternalFakeHerokuTests
{
    [Fact]
    public async Task Production_talks_only_to_the_configured_endpoints_over_http()
    {
        await using var server = await FakeHerokuServer.StartAsync();
        using var factory = new HerokuAppFactory { UseFakeHeroku = false }
            .With("Heroku:AuthorizationEndpoint", server.AuthorizationEndpoint)
            .With("Heroku:TokenEndpoint", server.TokenEndpoint)
            .With("Heroku:ApiBaseAddress", server.ApiBaseAddress);
        var client = factory.CreateClient();

        var authorize = await SignInDriver.StartSignInAsync(client);
        Assert.StartsWith(server.AuthorizationEndpoint, authorize.AbsoluteUri, StringComparison.Ordinal);

        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);
        var greeting = await client.GetStringAsync(callback.Headers.Location);

        Assert.Contains("Hello, Ada Lovelace", greeting, StringComparison.Ordinal);
        Assert.Equal(1, server.Heroku.CountOf(HttpMethod.Post, FakeHeroku.TokenEndpoint));
        Assert.Equal(1, server.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "account"));
        server.Heroku.VerifyNoUnexpectedRequests();
    }
}
