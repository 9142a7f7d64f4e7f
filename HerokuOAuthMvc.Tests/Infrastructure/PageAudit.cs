using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>What every page must be, checked in the browser: no markup a strict CSP refuses, and axe-core's WCAG 2.1 A/AA rules.</summary>
public static class PageAudit
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>axe-core from npm, committed under Browser/Axe: no CDN, no network.</summary>
    public static readonly string AxePath = Path.Combine(AppContext.BaseDirectory, "Browser", "Axe", "axe.min.js");

    /// <summary>Checks the page as it is now; <paramref name="state"/> names it in the failure message.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string state)
    {
        await AssertStructureAsync(page, state);
        await AssertNoInlineStyleOrScriptAsync(page, state);
        await AssertNoAxeViolationsAsync(page, state);
    }

    /// <summary>A language, a title that says where you are, one <c>h1</c>, and the header, main and footer landmarks once each.</summary>
    public static async Task AssertStructureAsync(IPage page, string state)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\S.* · HerokuOAuthMvc$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1);
        foreach (var landmark in new[] { AriaRole.Banner, AriaRole.Main, AriaRole.Contentinfo })
        {
            Assert.True(await page.GetByRole(landmark).CountAsync() == 1, $"{state} should have exactly one {landmark} landmark.");
        }
    }

    /// <summary><c>style</c> attributes and inline <c>&lt;script&gt;</c> would be blocked by the Content-Security-Policy.</summary>
    public static async Task AssertNoInlineStyleOrScriptAsync(IPage page, string state)
    {
        var inline = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('[style], script:not([src])')].map(e => e.outerHTML.slice(0, 160))");
        Assert.True(inline.Length == 0, $"{state} has inline style or script, which the CSP refuses:\n{string.Join('\n', inline)}");
    }

    public static async Task AssertNoAxeViolationsAsync(IPage page, string state)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
        }

        var violations = await page.EvaluateAsync<string[]>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n`
                + v.nodes.map(n => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'));
            }
            """,
            WcagTags);

        Assert.True(violations.Length == 0, $"axe-core found WCAG 2.1 A/AA violations on {state}:\n{string.Join('\n', violations)}");
    }

    /// <summary>Records what the browser refuses under the Content-Security-Policy from now on (Chromium reports it on the console).</summary>
    public static IReadOnlyCollection<string> RecordCspViolations(IPage page)
    {
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Enqueue(message.Text);
            }
        };
        return violations;
    }
}
