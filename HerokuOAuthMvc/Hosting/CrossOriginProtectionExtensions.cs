using Microsoft.AspNetCore.Diagnostics;

namespace HerokuOAuthMvc.Hosting;

public static partial class CrossOriginProtectionExtensions
{
    /// <summary>The Fetch Metadata header saying where the request comes from (W3C Fetch Metadata Request Headers).</summary>
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    // A browser sends one of four short words; anything longer is logged cut.
    private const int MaxLoggedHeaderLength = 20;

    /// <summary>
    /// Refuses every state-changing request (any method but the safe GET, HEAD, OPTIONS and TRACE) that a browser did
    /// not send from one of this site's own pages, with <c>403</c> and the friendly page. That is what the sign-in,
    /// sign-out and Refresh forms need: no other site can start a sign-in (login CSRF, CVE-2015-9284), sign a visitor
    /// out or make their session call Heroku. It replaces antiforgery tokens, which cost a Data Protection encryption
    /// on every page view, a cookie, and a secret in each page that compression could leak (BREACH).
    /// </summary>
    /// <remarks>
    /// The browser says where a request comes from in headers no page can set or remove (forbidden header names):
    /// <c>Sec-Fetch-Site</c> (Chrome 76, Firefox 90, Safari 16.4) and, in every browser that lacks it, <c>Origin</c>,
    /// which browsers send on every cross-origin POST. The check is the one Go's <c>net/http.CrossOriginProtection</c>
    /// makes and OWASP's CSRF cheat sheet describes (Fetch Metadata, with <c>Origin</c> as the fallback), with one
    /// difference: a request carrying neither is refused too, where Go lets it through, so a browser too old to send
    /// either (Firefox before 70) cannot be made to post across sites. Clients that are not browsers carry no
    /// visitor's cookies and can add an <c>Origin</c> header.
    /// </remarks>
    public static WebApplication UseCrossOriginProtection(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CrossOriginProtectionExtensions));
        app.Use((context, next) =>
        {
            if (IsSafe(context.Request.Method) || IsFromThisSite(context.Request) || IsReExecuted(context))
            {
                return next(context);
            }

            Log.Refused(logger, context.Request.Method, LogValue.Escape(context.Request.Headers[FetchSiteHeader].ToString(), MaxLoggedHeaderLength));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });

        return app;
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>
    /// <c>Sec-Fetch-Site</c> when the browser sends it: <c>same-origin</c>, or <c>none</c> (the person themselves, from
    /// the address bar or a bookmark); never <c>same-site</c>, since a sibling subdomain is another app. Otherwise
    /// <c>Origin</c> must be this site's own: the scheme the visitor used (on Heroku restored from the router's
    /// forwarded headers) and the host they asked for (one host filtering accepted).
    /// </summary>
    internal static bool IsFromThisSite(HttpRequest request)
    {
        var site = request.Headers[FetchSiteHeader];
        if (site.Count > 0)
        {
            return site.Count == 1 && (site[0] is "same-origin" or "none");
        }

        var origin = request.Headers.Origin;
        if (origin.Count != 1 || origin[0] is not { } value)
        {
            return false;
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? string.Empty;
        return value.Length == scheme.Length + 3 + host.Length
            && value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && value.AsSpan(scheme.Length).StartsWith("://", StringComparison.Ordinal)
            && value.AsSpan(scheme.Length + 3).Equals(host, StringComparison.OrdinalIgnoreCase);
    }

    // The friendly page the status-code pages re-execute to keeps the refused request's method.
    private static bool IsReExecuted(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "Refused a {Method} that did not come from this site's own pages (Sec-Fetch-Site '{FetchSite}').")]
        internal static partial void Refused(ILogger logger, string method, string fetchSite);
    }
}
