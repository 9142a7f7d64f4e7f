using HerokuOAuthMvc.Heroku;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Hosting;

public static class SecurityHeadersExtensions
{
    /// <summary>
    /// Adds the security headers to every response, error pages and static files included: a Content-Security-Policy
    /// that allows only this site's own files (no inline script) and no framing, nosniff, and a same-origin referrer;
    /// and keeps pages out of every cache (a page at one address differs by visitor), unless the response says
    /// otherwise (static files are cached for a year under their fingerprinted names).
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var contentSecurityPolicy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<HerokuOptions>>().Value);

        // Set as the response starts, after the error pages have cleared the headers. Made once: each request passes
        // only its context, so nothing is allocated for it per request.
        Func<object, Task> setHeaders = state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (headers.CacheControl.Count == 0)
            {
                headers.CacheControl = "no-cache, no-store";
            }

            return Task.CompletedTask;
        };
        app.Use((context, next) =>
        {
            context.Response.OnStarting(setHeaders, context);
            return next(context);
        });

        return app;
    }

    /// <remarks>
    /// Browsers apply <c>form-action</c> to the redirects that follow a form post, and the sign-in form's post
    /// redirects to Heroku's authorize endpoint, so that origin is allowed as a form target too.
    /// </remarks>
    internal static string ContentSecurityPolicy(HerokuOptions heroku)
    {
        var formAction = HerokuOptions.TryGetHttpUrl(heroku.AuthorizationEndpoint, out var authorize)
            ? $"'self' {authorize.GetLeftPart(UriPartial.Authority)}"
            : "'self'";

        return string.Join("; ",
            "default-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'none'");
    }
}
