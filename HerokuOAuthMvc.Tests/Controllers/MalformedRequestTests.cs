using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>The app on a real Kestrel port in Production, fed malformed and hostile requests byte for byte.</summary>
public sealed class MalformedRequestTests(MalformedRequestTests.App app) : IClassFixture<MalformedRequestTests.App>
{
    private const string Script = "<script>alert(1)</script>";
    private const string SameOrigin = "Sec-Fetch-Site: same-origin";
    private const string Svg = "<svg/onload=alert(1)>";
    private static readonly string EncodedScript = Uri.EscapeDataString(Script);
    private static readonly string EncodedSvg = Uri.EscapeDataString(Svg);

    /// <summary>Name, the raw request (CRLF line ends; Host and Connection are added when absent), and the answers that are right.</summary>
    public static TheoryData<string, string, int[]> Requests => new()
    {
        // Off-site and hostile returnUrl values: never rendered as a link elsewhere, never redirected to.
        { "returnUrl to another site", "GET /?returnUrl=https://evil.example/ HTTP/1.1", [200] },
        { "protocol-relative returnUrl", "GET /?returnUrl=//evil.example HTTP/1.1", [200] },
        { "backslash returnUrl", "GET /?returnUrl=/%5Cevil.example HTTP/1.1", [200] },
        { "encoded protocol-relative returnUrl", "GET /?returnUrl=%2F%2Fevil.example HTTP/1.1", [200] },
        { "local returnUrl carrying markup", $"GET /?returnUrl=/{EncodedScript} HTTP/1.1", [200] },
        { "returnUrl with a header break", "GET /?returnUrl=/%0D%0ASet-Cookie:%20evil=1 HTTP/1.1", [200] },
        { "markup as a query key", $"GET /?{EncodedSvg}=1 HTTP/1.1", [200] },
        { "notice that is not ours", $"GET /?notice={EncodedScript} HTTP/1.1", [200] },
        { "broken percent-encoding and UTF-8", "GET /?returnUrl=%ZZ%E0%80%C0&%=%%% HTTP/1.1", [200] },
        { "a thousand repeated parameters", "GET /?" + string.Concat(Enumerable.Repeat("a=1&", 1000)) + " HTTP/1.1", [200] },
        { "oversized query string", "GET /?q=" + new string('A', 20_000) + " HTTP/1.1", [414] },
        { "oversized callback state", "GET /auth/heroku/callback?code=x&state=" + new string('A', 20_000) + " HTTP/1.1", [414] },
        { "oversized cookie header", "GET / HTTP/1.1\r\nCookie: big=" + new string('A', 40_000), [431] },

        // Heroku's callback with everything wrong: a friendly page, reached by a local redirect.
        { "callback without anything", "GET /auth/heroku/callback HTTP/1.1", [302] },
        { "denial with markup in its description", $"GET /auth/heroku/callback?error=access_denied&error_description={EncodedScript} HTTP/1.1", [302] },
        { "markup as the error", $"GET /auth/heroku/callback?error={EncodedScript} HTTP/1.1", [302] },
        { "markup as the state", $"GET /auth/heroku/callback?code=x&state={EncodedScript} HTTP/1.1", [302] },
        { "undecodable state", "GET /auth/heroku/callback?code=x&state=!!%25%25~~ HTTP/1.1", [302] },
        { "state that looks protected", "GET /auth/heroku/callback?code=x&state=CfDJ8" + new string('Q', 200) + " HTTP/1.1", [302] },
        { "callback posted to from another site", "POST /auth/heroku/callback HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ncode=x&state=y", [403] },
        { "callback posted to from the site", "POST /auth/heroku/callback HTTP/1.1\r\nSec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ncode=x&state=y", [302] },
        { "failure page with markup", $"GET /auth/heroku/failed?reason={EncodedScript} HTTP/1.1", [400] },
        { "failure page with a NUL", "GET /auth/heroku/failed?reason=denied%00 HTTP/1.1", [400] },

        // Garbage or tampered cookies mean "signed out".
        { "garbage session cookie", "GET /user HTTP/1.1\r\nCookie: __Host-heroku-oauth-mvc=garbage", [302] },
        { "protected-looking session cookie", "GET /user HTTP/1.1\r\nCookie: __Host-heroku-oauth-mvc=CfDJ8" + new string('x', 300), [302] },
        { "session cookie chunks that are missing", "GET /user HTTP/1.1\r\nCookie: __Host-heroku-oauth-mvc=chunks-3; __Host-heroku-oauth-mvcC1=abc", [302] },
        { "garbage correlation cookie", "GET / HTTP/1.1\r\nCookie: .AspNetCore.Correlation.abc=garbage", [200] },
        { "forged Host header on a protected page", "GET /user HTTP/1.1\r\nHost: evil.example", [302] },

        // Wrong methods from the site's own pages: 405 with a page, never a 500.
        { "PUT the user page", $"PUT /user HTTP/1.1\r\n{SameOrigin}\r\nContent-Length: 0", [405] },
        { "DELETE the home page", $"DELETE / HTTP/1.1\r\n{SameOrigin}", [405] },
        { "PATCH sign-in", $"PATCH /auth/heroku HTTP/1.1\r\n{SameOrigin}\r\nContent-Length: 0", [405] },
        { "POST the user page", $"POST /user HTTP/1.1\r\n{SameOrigin}\r\nContent-Length: 0", [405] },
        { "GET Refresh", "GET /user/refresh HTTP/1.1", [404, 405] },
        { "GET sign-out", "GET /auth/signout HTTP/1.1", [404, 405] },
        { "TRACE", "TRACE / HTTP/1.1", [405] },

        // Unsafe methods that did not come from the site's own pages (Hosting/CrossOriginProtectionExtensions.cs).
        { "sign-in without Origin or Sec-Fetch-Site", "POST /auth/heroku HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nreturnUrl=https://evil.example", [403] },
        { "sign-in from another site", "POST /auth/heroku HTTP/1.1\r\nSec-Fetch-Site: cross-site\r\nOrigin: https://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nreturnUrl=/", [403] },
        { "sign-in from a sibling subdomain", "POST /auth/heroku HTTP/1.1\r\nSec-Fetch-Site: same-site\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nreturnUrl=/", [403] },
        { "sign-in from another site, Origin only", "POST /auth/heroku HTTP/1.1\r\nOrigin: https://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nreturnUrl=/", [403] },
        { "sign-in from an opaque origin", "POST /auth/heroku HTTP/1.1\r\nOrigin: null\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nreturnUrl=/", [403] },
        { "sign-in posted as JSON", "POST /auth/heroku HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"returnUrl\":\"//evil.example\"}", [403] },
        { "sign-out from another site", "POST /auth/signout HTTP/1.1\r\nSec-Fetch-Site: cross-site\r\nContent-Length: 0", [403] },
        { "Refresh from another site without a session", "POST /user/refresh HTTP/1.1\r\nSec-Fetch-Site: cross-site\r\nContent-Length: 0", [403] },

        // Path traversal and files that are not static assets.
        { "dot-dot to the settings", "GET /css/../../appsettings.json HTTP/1.1", [404] },
        { "encoded dot-dot", "GET /css/%2e%2e/%2e%2e/appsettings.json HTTP/1.1", [404] },
        { "encoded slashes", "GET /..%2F..%2Fappsettings.json HTTP/1.1", [404] },
        { "backslashes", "GET /lib/..%5C..%5Cappsettings.json HTTP/1.1", [404] },
        { "the settings file", "GET /appsettings.json HTTP/1.1", [404] },
        { "the app's assembly", "GET /HerokuOAuthMvc.dll HTTP/1.1", [404] },
        { "a NUL in the path", "GET /%00 HTTP/1.1", [400, 404] },

        // Not HTTP at all.
        { "garbage request line", "GARBAGE", [400] },
        { "header line without a colon", "GET / HTTP/1.1\r\nBad Header Line", [400] },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_malformed_request_gets_a_clear_answer_below_500_without_a_stack_trace_markup_or_off_site_redirect(string name, string request, int[] expected)
    {
        var response = await RawHttp.SendAsync(app.Address, request);

        Assert.True(expected.Contains(response.Status), $"{name}: expected {string.Join(" or ", expected)}, got {response.Status}");
        Assert.InRange(response.Status, 200, 499);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Script, response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Svg, response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"//evil", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil=1", response.Head, StringComparison.Ordinal);
        if (response.Location is { } location)
        {
            Assert.True(IsLocal(location), $"{name}: redirected off-site to {location}");
        }
    }

    [Fact]
    public void The_table_holds_at_least_thirty_requests() => Assert.True(Requests.Count >= 30);

    [Fact]
    public async Task A_wrong_method_gets_a_friendly_page_that_says_what_is_allowed()
    {
        var response = await RawHttp.SendAsync(app.Address, $"PUT /user HTTP/1.1\r\n{SameOrigin}\r\nContent-Length: 0");

        Assert.Equal(405, response.Status);
        Assert.Contains("Allow: GET", response.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"notice-title\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("Go to the home page", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_session_cookie_means_signed_out_not_an_error()
    {
        var jar = new CookieJar();
        using var client = new HttpClient(jar) { BaseAddress = app.Address };
        await SignInDriver.SignInAsync(client);
        var cookie = jar.Cookies["__Host-heroku-oauth-mvc"];
        Assert.DoesNotContain("chunks-", cookie, StringComparison.Ordinal);
        var middle = cookie.Length / 2;
        var tampered = cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];

        var genuine = await RawHttp.SendAsync(app.Address, $"GET /user HTTP/1.1\r\nCookie: __Host-heroku-oauth-mvc={cookie}");
        var forged = await RawHttp.SendAsync(app.Address, $"GET /user HTTP/1.1\r\nCookie: __Host-heroku-oauth-mvc={tampered}");
        var home = await RawHttp.SendAsync(app.Address, $"GET / HTTP/1.1\r\nCookie: __Host-heroku-oauth-mvc={tampered}");

        Assert.Equal(200, genuine.Status);
        Assert.Equal(302, forged.Status);
        Assert.StartsWith("/?", forged.Location, StringComparison.Ordinal);
        Assert.Equal(200, home.Status);
        Assert.Contains(">Sign in with Heroku</button>", home.Body, StringComparison.Ordinal);
    }

    private bool IsLocal(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.Authority == app.Address.Authority
            : location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal);

    public sealed class App : IDisposable
    {
        private readonly KestrelAppFactory _factory = KestrelAppFactory.Production();

        public App() => Address = _factory.Start();

        public Uri Address { get; }

        public void Dispose() => _factory.Dispose();
    }
}
