using HerokuOAuthMvc.Tests.Controllers;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// A body that stops arriving, on a real Kestrel port in Production: Kestrel's minimum data rate (its own clock, a 5 s
/// grace) ends it on a well-formed answer. A class of its own, so its waits run beside the other malformed bodies.
/// </summary>
public sealed class StalledBodyTests(MalformedRequestTests.App app) : IClassFixture<MalformedRequestTests.App>
{
    private const string Form = "Content-Type: application/x-www-form-urlencoded";

    private static readonly string[] Routes = ["/auth/heroku", "/auth/signout", "/"];

    // The routes at once, each on its own connection: every one waits out the same grace period, so together they take
    // one grace instead of three.
    [Fact]
    public async Task A_stalled_body_ends_on_a_well_formed_answer_not_a_dropped_connection_on_every_form_route()
    {
        var responses = await Task.WhenAll(Routes.Select(route => RawHttp.SendAsync(app.Address,
            $"POST {route} HTTP/1.1\r\n{Form}\r\nContent-Length: 1000\r\n\r\nreturnUrl=/", stallFor: TimeSpan.FromSeconds(15))));

        Assert.All(Routes.Zip(responses), answer =>
        {
            var (route, response) = answer;
            Assert.True(response.HasWellFormedStatusLine, $"POST {route} stalled: '{response.StatusLine}'");
            Assert.InRange(response.Status, 400, 499);
            Assert.Contains("id=\"notice-title\"", response.Body, StringComparison.Ordinal);
        });
    }
}
