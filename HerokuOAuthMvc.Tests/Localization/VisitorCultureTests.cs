using System.Globalization;
using System.Net;
using System.Text.Json;
using HerokuOAuthMvc.Localization;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Localization;

public sealed class VisitorCultureTests : IDisposable
{
    // FakeHeroku.DefaultAccount: created 2015-03-01, last login 2026-11-28 08:15 UTC.
    private static readonly DateTimeOffset LastLogin = new(2026, 11, 28, 8, 15, 0, TimeSpan.Zero);

    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", "de-DE", "März 2015")]
    [InlineData("de-LU", "de", "März 2015")]
    [InlineData("en-GB,en;q=0.9", "en-GB", "March 2015")]
    [InlineData("fr-CA", "fr-CA", "mars 2015")]
    [InlineData("ja", "ja", "2015年3月")]
    public async Task The_account_page_formats_dates_in_the_visitors_language_from_Accept_Language(string acceptLanguage, string culture, string memberSince)
    {
        var html = await AccountPageAsync(acceptLanguage);

        Assert.Contains($">{memberSince}</time>", html, StringComparison.Ordinal);
        Assert.Contains($">{LastLogin.ToString("f", CultureInfo.GetCultureInfo(culture))} UTC</time>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("xx-YY")]
    [InlineData("not a language;;q=")]
    public async Task Without_a_supported_language_dates_are_formatted_in_US_English(string? acceptLanguage)
    {
        var html = await AccountPageAsync(acceptLanguage);

        Assert.Contains(">March 2015</time>", html, StringComparison.Ordinal);
        Assert.Contains($">{LastLogin.ToString("f", CultureInfo.GetCultureInfo("en-US"))} UTC</time>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_says_machine_readable_dates_whatever_the_language()
    {
        var html = await AccountPageAsync("ko-KR");

        Assert.Contains("<time datetime=\"2015-03-01\">", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-28T08:15:00.0000000+00:00\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_ships_with_culture_data_because_invariant_globalization_would_format_every_date_alike()
    {
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HerokuOAuthMvc.runtimeconfig.json")));
        var properties = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.TryGetProperty("System.Globalization.Invariant", out var invariant) && invariant.GetBoolean());
        Assert.All(VisitorCultureExtensions.SupportedCultures, name => Assert.Equal(name, CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name));
    }

    private async Task<string> AccountPageAsync(string? acceptLanguage)
    {
        var client = _factory.CreateClient();
        var landing = await SignInDriver.SignInAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Get, landing);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
