using System.Net;
using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>The sign-in page tells the truth about what the configured scopes let the app see and do.</summary>
public sealed partial class HomeControllerTests
{
    private const string Account = "your name and email address; whether your email is verified and two-factor authentication is on; when you joined Heroku and when you last logged in";

    [Theory]
    [InlineData("identity", Account + ".", "It asks only for the read-only <code>identity</code> scope, so it cannot see or change your apps.")]
    [InlineData("identity read", Account + "; your apps and their resources (not their config vars), without changing them.", "It asks for the <code>identity read</code> scopes, so it can see your apps but cannot change them.")]
    [InlineData("read identity", Account + "; your apps and their resources (not their config vars), without changing them.", "It asks for the <code>identity read</code> scopes, so it can see your apps but cannot change them.")]
    [InlineData("identity write", Account + "; your apps and their resources (not their config vars), which it could also change.", "It asks for the <code>identity write</code> scopes, so it can see and change your apps, but not their config vars.")]
    [InlineData("identity read-protected", Account + "; your apps and their resources, config vars included, without changing them.", "It asks for the <code>identity read-protected</code> scopes, so it can see your apps and their config vars but cannot change them.")]
    [InlineData("identity write-protected", Account + "; your apps and their resources, config vars included, which it could also change.", "It asks for the <code>identity write-protected</code> scopes, so it can see and change your apps and their config vars.")]
    [InlineData("global", Account + "; everything else in your account: your apps, their config vars and resources, and your account settings, which it could also change.", "It asks for the <code>global</code> scope, so it has full access to your account.")]
    public async Task The_sign_in_page_says_what_the_configured_scopes_let_the_app_see_and_do(string scope, string sees, string sentence)
    {
        using var factory = new HerokuAppFactory().With("Heroku:Scope", scope);

        using var page = await factory.CreateClient().GetAsync("/");
        var html = WebUtility.HtmlDecode(Whitespace().Replace(await page.Content.ReadAsStringAsync(), " "));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var items = ListItems().Matches(html).Select(m => m.Groups[1].Value.Trim());
        Assert.Equal(sees, string.Join(' ', items));
        Assert.Contains(sentence, html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<li>([^<]*)</li>")]
    private static partial Regex ListItems();
}
