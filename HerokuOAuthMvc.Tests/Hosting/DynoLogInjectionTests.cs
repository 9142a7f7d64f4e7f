using System.Globalization;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>What <c>heroku logs</c> would show after hostile callbacks reach the published app through the router.</summary>
[Trait("Category", "Slow")]
[Collection(OneDynoApp.Collection)]
public sealed class DynoLogInjectionTests(OneDynoApp dyno)
{
    private readonly HerokuApp _heroku = dyno.Heroku;

    [Fact]
    public async Task A_forged_line_in_a_callback_stays_inside_one_escaped_bounded_line_of_the_dynos_output()
    {
        using var client = _heroku.Router.CreateClient(new System.Net.CookieContainer());
        var forgery = Uri.EscapeDataString("denied\r\n2026-12-02T08:00:00Z app[web.1]: info: forged\0\u202Eexe\u2028" + new string('A', 2_000));

        // With a genuine state, so the handler reads Heroku's error fields (anyone can do this with their own state).
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery((await SignInDriver.StartSignInAsync(client)).Query)["state"];
        (await client.GetAsync($"/auth/heroku/callback?state={Uri.EscapeDataString(state!)}&error={forgery}&error_description={forgery}")).Dispose();
        (await client.GetAsync($"/auth/heroku/callback?code=x&state={forgery}")).Dispose();

        await _heroku.WaitForLogAsync(line => line.Contains(@"denied\u000D\u000A2026-12-02T08:00:00Z app[web.1]: info: forged\u0000\u202Eexe\u2028", StringComparison.Ordinal));
        Assert.DoesNotContain(_heroku.Logs, line => line.StartsWith("2026-12-02T08:00:00Z", StringComparison.Ordinal));
        Assert.All(_heroku.Logs, line =>
        {
            Assert.True(line.Length <= LogValue.MaxMessageLength + 512, $"A log line of {line.Length} characters");
            Assert.False(line.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator),
                $"A raw control or format character in: {LogValue.Escape(line)}");
        });
    }
}
