using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace HerokuOAuthMvc.Localization;

public static class VisitorCultureExtensions
{
    /// <summary>
    /// The cultures dates are formatted in. The text stays English; only formats follow the visitor. A regional
    /// variant not listed falls back to its language (de-LU → de), anything else to en-US.
    /// </summary>
    public static readonly IReadOnlyList<string> SupportedCultures =
    [
        "en-US", "en", "en-GB", "en-AU", "en-CA", "en-IE", "en-IN", "en-NZ",
        "de", "de-AT", "de-CH", "fr", "fr-CA", "fr-CH", "es", "es-MX", "it", "nl", "pt", "pt-BR", "pt-PT",
        "sv", "da", "nb", "fi", "pl", "cs", "tr", "uk", "ja", "ko", "zh-Hans", "zh-Hant",
    ];

    /// <summary>
    /// Formats dates for the visitor's locale from the browser's <c>Accept-Language</c>, the only culture source (no
    /// query string or cookie). Needs ICU culture data, so the project must not use invariant globalization.
    /// </summary>
    public static WebApplication UseVisitorCulture(this WebApplication app)
    {
        var cultures = SupportedCultures.Select(CultureInfo.GetCultureInfo).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(cultures[0]),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()],
        };

        app.UseRequestLocalization(options);
        return app;
    }
}
