using System.Net;
using HerokuOAuthMvc.Controllers;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>
/// A returnUrl is kept only when it is a plain ASCII path on this site; anything else is ignored, so a crafted link can
/// neither send the browser elsewhere nor break the sign-in after Heroku has spent the code. On a real Kestrel port,
/// which (unlike the in-memory server) refuses a non-ASCII or control character in the Location header.
/// </summary>
public sealed class ReturnUrlTests(MalformedRequestTests.App app) : IClassFixture<MalformedRequestTests.App>
{
    // A NUL anywhere in a form is refused before this (MalformedBodyTests: "a NUL in a value").
    public static TheoryData<string, string> Ignored => new()
    {
        { "non-ASCII letter", "/café" },
        { "non-ASCII, decomposed", "/cafe\u0301" },
        { "division slash", "/\u2215evil.example" },
        { "fullwidth slash", "/\uFF0Fevil.example" },
        { "fraction slash", "/\u2044\u2044evil.example" },
        { "app-relative", "~/x" },
        { "app-relative, protocol-relative", "~//evil.example" },
        { "CR LF", "/user\r\nSet-Cookie: evil=1" },
        { "tab", "/us\ter" },
        { "escape", "/user\u001B[2J" },
        { "right-to-left override", "/user\u202Eexe" },
        { "zero-width space", "/us\u200Ber" },
        { "space", "/user page" },
        { "backslash first", "/\\evil.example" },
        { "backslash later", "/user\\..\\evil" },
        { "protocol-relative", "//evil.example" },
        { "absolute", "https://evil.example/" },
        { "relative", "user" },
        { "too long", "/user?x=" + new string('a', ReturnUrls.MaxLength - 7) },
        { "far too long", "/" + new string('a', 6_000) },
    };

    [Theory]
    [MemberData(nameof(Ignored))]
    public async Task A_return_url_that_is_not_a_plain_ascii_local_path_is_ignored_and_sign_in_lands_on_the_user_page(string name, string returnUrl)
    {
        using var client = new HttpClient(new CookieJar()) { BaseAddress = app.Address };

        var page = await client.GetStringAsync("/?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var landing = await SignInDriver.SignInAsync(client, returnUrl);

        Assert.DoesNotContain("name=\"returnUrl\"", page, StringComparison.Ordinal);
        Assert.True(landing.OriginalString == "/user", $"{name}: landed on {landing}");
        Assert.Contains("Hello,", await client.GetStringAsync(landing), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/user?tab=details")]
    [InlineData("/user?name=caf%C3%A9")]
    [InlineData("/")]
    public async Task A_plain_local_path_is_where_the_sign_in_lands(string returnUrl)
    {
        using var client = new HttpClient(new CookieJar()) { BaseAddress = app.Address };

        var page = await client.GetStringAsync("/?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var landing = await SignInDriver.SignInAsync(client, returnUrl);

        Assert.Contains($"name=\"returnUrl\" value=\"{WebUtility.HtmlEncode(returnUrl)}\"", page, StringComparison.Ordinal);
        Assert.Equal(returnUrl, landing.OriginalString);
    }

    [Fact]
    public async Task The_longest_return_url_kept_still_fits_the_authorize_url_under_the_routers_limit()
    {
        using var client = new HttpClient(new CookieJar()) { BaseAddress = app.Address };
        var longest = "/user?x=" + new string('a', ReturnUrls.MaxLength - 8);
        Assert.Equal(ReturnUrls.MaxLength, longest.Length);

        var authorize = await SignInDriver.StartSignInAsync(client, longest);
        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);

        Assert.InRange(authorize.AbsoluteUri.Length, 1, 8_000);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(longest, callback.Headers.Location!.OriginalString);
    }
}
