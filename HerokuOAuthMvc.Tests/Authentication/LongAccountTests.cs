using System.Net;
using System.Text.Encodings.Web;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>Heroku does not bound an account's name or email; the session cookie must still fit through the router.</summary>
public sealed class LongAccountTests : IDisposable
{
    // Heroku's router refuses a header line over 8 KB; the browser sends every cookie of the site in one.
    private const int RouterHeaderLimit = 8192;

    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string, string> Accounts => new()
    {
        { "a 20,000-character name", new string('n', 20_000), "ada@example.com" },
        { "a 20,000-character name outside the BMP", string.Concat(Enumerable.Repeat("𝔸", 10_000)), "ada@example.com" },
        { "a 20,000-character email and no name", "", new string('e', 19_988) + "@example.com" },
        { "accented letters, decomposed", string.Concat(Enumerable.Repeat("e\u0301", 10_000)), "ada@example.com" },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task An_account_too_long_for_a_cookie_still_signs_in_with_its_name_cut_for_display(string name, string accountName, string email)
    {
        _factory.Heroku.WithAccount(new { id = "5b3b8e36-0a0b-4c1d-9e52-8b7a2d1c0f11", email, name = accountName, verified = true });
        var client = _factory.CreateClient();

        var authorize = await SignInDriver.StartSignInAsync(client);
        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);
        var cookieHeader = string.Join("; ", callback.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var page = await client.GetStringAsync("/user");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/user", callback.Headers.Location!.OriginalString);
        Assert.True(cookieHeader.Length < RouterHeaderLimit / 2, $"{name}: the session cookies take {cookieHeader.Length} bytes");
        var greeted = HerokuAccountClaims.CutForDisplay(accountName.Length > 0 ? accountName : email);
        Assert.EndsWith("…", greeted, StringComparison.Ordinal);
        Assert.Contains(HtmlEncoder.Default.Encode(greeted[..40]), page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("")]
    public void A_name_that_fits_is_kept_as_it_is(string value) => Assert.Same(value, HerokuAccountClaims.CutForDisplay(value));

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        var cut = HerokuAccountClaims.CutForDisplay(string.Concat(Enumerable.Repeat("𝔸e\u0301", 1_000)));

        Assert.InRange(cut.Length, HerokuAccountClaims.MaxDisplayLength - 4, HerokuAccountClaims.MaxDisplayLength);
        var kept = cut[..^1];
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.True(kept.EndsWith("𝔸", StringComparison.Ordinal) || kept.EndsWith("e\u0301", StringComparison.Ordinal), kept[^4..]);
    }
}
