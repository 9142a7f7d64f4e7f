using HerokuOAuthMvc.Tests.Controllers;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// Request bodies that cannot be read, sent byte for byte to the app on a real Kestrel port in Production: each gets a
/// well-formed status line (which Heroku's router passes on) and the friendly page, never <c>HTTP/1.1 0</c>, a 500 or a
/// dropped connection.
/// </summary>
public sealed class MalformedBodyTests(MalformedRequestTests.App app) : IClassFixture<MalformedRequestTests.App>
{
    private const string Form = "Content-Type: application/x-www-form-urlencoded";

    /// <summary>Every route that takes a POST, and some that do not.</summary>
    private static readonly string[] Routes =
    [
        "/", "/auth/heroku", "/auth/heroku/callback", "/auth/heroku/failed", "/auth/signout", "/user", "/user/refresh",
        "/error", "/error/400", "/error/500", "/healthz", "/no-such-page",
    ];

    /// <summary>Name, the head's extra lines and the body, and the statuses that are right on the routes that read forms.</summary>
    private static readonly (string Name, string Request, int[] Expected)[] Bodies =
    [
        ("broken multipart", "Content-Type: multipart/form-data; boundary=xyz\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", [400]),
        ("multipart without a boundary", "Content-Type: multipart/form-data\r\n\r\n--xyz\r\n\r\nvalue", [400]),
        ("a NUL in a value", $"{Form}\r\n\r\nreturnUrl=/%00&statusCode=1%00", [400]),
        ("a raw NUL in a value", $"{Form}\r\n\r\nreturnUrl=/\0x", [403]),
        ("too many keys", $"{Form}\r\n\r\n" + string.Join('&', Enumerable.Range(0, 1100).Select(i => $"k{i}=1")), [400]),
        ("an oversized value", $"{Form}\r\n\r\nreturnUrl=" + new string('a', 4_200_000), [400]),
        ("a chunked-framing error", $"{Form}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nreturnUrl=/\r\n0\r\n\r\n", [400]),
        ("an oversized Content-Length", $"{Form}\r\nContent-Length: 50000000\r\n\r\nreturnUrl=/", [413]),
        ("charset=utf-7", $"{Form}; charset=utf-7\r\n\r\nreturnUrl=%2B-", [400, 415]),
        ("charset=utf-7 inside a multipart section", "Content-Type: multipart/form-data; boundary=xyz\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"returnUrl\"\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n/x\r\n--xyz--\r\n", [400, 415]),
        ("an unknown charset", $"{Form}; charset=x-no-such-charset\r\n\r\nreturnUrl=/", [400, 415]),
        // Readable, so refused for not coming from the site's own pages (no Origin or Sec-Fetch-Site), with the 403 page.
        ("a status code in the form", $"{Form}\r\n\r\nstatusCode=101", [403]),
    ];

    public static TheoryData<string, string> RouteAndBody()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes)
        {
            foreach (var body in Bodies)
            {
                data.Add(route, body.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RouteAndBody))]
    public async Task A_body_that_cannot_be_read_gets_a_well_formed_answer_below_500_on_every_route(string route, string bodyName)
    {
        var body = Bodies.Single(b => b.Name == bodyName);

        var response = await RawHttp.SendAsync(app.Address, $"POST {route} HTTP/1.1\r\n{body.Request}");

        Assert.True(response.HasWellFormedStatusLine, $"POST {route} with {bodyName}: '{response.StatusLine}'");
        Assert.InRange(response.Status, 200, 499);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        if (response.Status >= 400 && route != "/healthz")
        {
            Assert.Contains("id=\"notice-title\"", response.Body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BodyNames))]
    public async Task A_form_post_whose_body_cannot_be_read_is_a_bad_request_page(string bodyName)
    {
        var body = Bodies.Single(b => b.Name == bodyName);

        var response = await RawHttp.SendAsync(app.Address, $"POST /auth/heroku HTTP/1.1\r\n{body.Request}");

        Assert.True(body.Expected.Contains(response.Status), $"{bodyName}: expected {string.Join(" or ", body.Expected)}, got '{response.StatusLine}'");
        Assert.Contains("id=\"notice-title\"", response.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string> BodyNames() => [.. Bodies.Select(b => b.Name)];

    [Theory]
    [InlineData("/auth/heroku")]
    [InlineData("/auth/signout")]
    [InlineData("/user/refresh")]
    [InlineData("/auth/heroku/callback")]
    public async Task A_form_in_a_charset_dotnet_does_not_decode_is_unsupported_media_on_every_unsafe_route(string route)
    {
        foreach (var charset in new[] { "utf-7", "UTF-7", "\"utf-7\"", "x-no-such-charset" })
        {
            var response = await RawHttp.SendAsync(app.Address, $"POST {route} HTTP/1.1\r\n{Form}; charset={charset}\r\n\r\nreturnUrl=%2B-");

            Assert.Equal("HTTP/1.1 415 Unsupported Media Type", response.StatusLine);
            Assert.Contains("That request could not be read", response.Body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/auth/heroku")]
    [InlineData("/auth/signout")]
    public async Task A_body_larger_than_kestrel_accepts_is_payload_too_large(string route)
    {
        var response = await RawHttp.SendAsync(app.Address, $"POST {route} HTTP/1.1\r\n{Form}\r\nContent-Length: 31457281\r\n\r\nreturnUrl=/");

        Assert.Equal("HTTP/1.1 413 Payload Too Large", response.StatusLine);
        Assert.Contains("That request was too large", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_cannot_be_read_from_the_sites_own_page_is_still_a_bad_request()
    {
        var response = await RawHttp.SendAsync(app.Address,
            $"POST /auth/heroku HTTP/1.1\r\nOrigin: {app.Address.GetLeftPart(UriPartial.Authority)}\r\nSec-Fetch-Site: same-origin\r\n"
            + "Content-Type: multipart/form-data; boundary=xyz\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"returnUrl\"\r\n\r\n/user");

        Assert.Equal("HTTP/1.1 400 Bad Request", response.StatusLine);
        Assert.Contains("That request could not be handled", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/error/400", "statusCode=101", "same-origin", 404)]
    [InlineData("/error/400", "statusCode=0", "same-origin", 404)]
    [InlineData("/error/400", "statusCode=-5", "same-origin", 404)]
    [InlineData("/error/400", "statusCode=999", "same-origin", 404)]
    [InlineData("/no-such-page", "statusCode=101", "same-origin", 405)]
    [InlineData("/no-such-page?statusCode=200", "statusCode=200", "same-origin", 405)]
    [InlineData("/", "statusCode=0", "same-origin", 405)]
    [InlineData("/auth/heroku", "statusCode=204", "cross-site", 403)]
    public async Task The_error_page_takes_its_status_from_the_failure_never_from_the_request(string route, string form, string fetchSite, int expected)
    {
        var response = await RawHttp.SendAsync(app.Address, $"POST {route} HTTP/1.1\r\nSec-Fetch-Site: {fetchSite}\r\n{Form}\r\n\r\n{form}");

        Assert.Equal(expected, response.Status);
        Assert.True(response.HasWellFormedStatusLine, response.StatusLine);
        Assert.Contains("id=\"notice-title\"", response.Body, StringComparison.Ordinal);
    }
}
