using System.Net;
using HerokuOAuthMvc.LocalHeroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HerokuOAuthMvc.Tests.LocalHeroku;

public sealed class LocalHerokuTests
{
    [Fact]
    public async Task Production_never_serves_the_stand_in_even_when_asked_for_it()
    {
        using var factory = new HerokuAppFactory();
        var client = factory.CreateClient();

        using var response = await client.GetAsync($"{LocalHerokuMode.AuthorizePath}?client_id={LocalHerokuIssuer.ClientId}&response_type=code");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(factory.Services.GetRequiredService<LocalHerokuMode>().IsEnabled);
        Assert.DoesNotContain("simulated", await client.GetStringAsync("/"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Production_without_a_client_fails_at_boot_instead_of_simulating()
    {
        using var factory = new HerokuAppFactory().With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());
    }

    [Fact]
    public void Development_with_a_client_talks_to_the_configured_Heroku()
    {
        using var factory = new HerokuAppFactory { Environment = "Development" };
        factory.CreateClient();

        Assert.False(factory.Services.GetRequiredService<LocalHerokuMode>().IsEnabled);
    }

    [Fact]
    public async Task Development_without_a_client_signs_in_through_the_stand_in_and_says_so()
    {
        using var factory = new HerokuAppFactory { Environment = "Development", UseFakeHeroku = false }.With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);
        var client = factory.CreateClient();

        var authorize = await SignInDriver.StartSignInAsync(client);
        Assert.Equal(LocalHerokuMode.AuthorizePath, authorize.AbsolutePath);

        var consent = await client.GetStringAsync(authorize.PathAndQuery);
        Assert.Contains("Local stand-in for id.heroku.com", consent, StringComparison.Ordinal);
        Assert.Contains("Sign-in is simulated", consent, StringComparison.Ordinal);

        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
        var token = await SignInDriver.GetAntiforgeryTokenAsync(client, authorize.PathAndQuery);
        using var allow = await client.PostAsync(LocalHerokuMode.AuthorizePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["state"] = state,
            ["decision"] = "allow",
        }));
        using var callback = await client.GetAsync(allow.Headers.Location);
        var greeting = await client.GetStringAsync(callback.Headers.Location);

        Assert.Contains("Hello, developer@example.com", greeting, StringComparison.Ordinal);
        Assert.Empty(factory.Heroku.Requests);
    }

    [Fact]
    public async Task The_stand_in_refuses_a_request_not_from_the_apps_button_with_the_friendly_page_and_a_request_id()
    {
        using var factory = new HerokuAppFactory { Environment = "Development", UseFakeHeroku = false }.With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);
        var client = factory.CreateClient();

        using var response = await client.GetAsync($"{LocalHerokuMode.AuthorizePath}?client_id=someone-else&response_type=code");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid OAuth request", html, StringComparison.Ordinal);
        Assert.Contains("mention request id <code>", html, StringComparison.Ordinal);
    }
}
