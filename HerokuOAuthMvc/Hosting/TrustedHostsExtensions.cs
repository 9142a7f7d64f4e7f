using System.Text;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Hosting;

public static partial class TrustedHostsExtensions
{
    /// <summary>The config var listing the host names the app answers to, separated by <c>;</c> or <c>,</c>.</summary>
    public const string AllowedHostsVariable = "ALLOWED_HOSTS";

    /// <summary>ASP.NET Core's own setting for the same list (<c>appsettings.json</c> has <c>*</c>).</summary>
    public const string AllowedHostsSetting = "AllowedHosts";

    /// <summary>The app's herokuapp.com host name, set on dynos with dyno metadata (<c>heroku labs:enable runtime-dyno-metadata</c>).</summary>
    public const string DefaultDomainVariable = "HEROKU_APP_DEFAULT_DOMAIN_NAME";

    /// <summary>What the page for an unknown host says, in its heading.</summary>
    public const string UnknownHostSentence = "This site is not served under that name.";

    // How many host names the start-up line shows; a longer list ends with how many were left out.
    private const int HostsShown = 10;

    // Written once: the page holds nothing from the request (not even the Host it refuses) and needs nothing the normal
    // pipeline builds. It is plain on purpose: its stylesheet would be asked of the same unknown host and refused, and
    // the Content-Security-Policy forbids inline styles.
    private static readonly byte[] UnknownHostPage = Encoding.UTF8.GetBytes($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>Site not found under this name</title>
        </head>
        <body>
        <main>
        <h1>{UnknownHostSentence}</h1>
        <p>The address you used points here, but this site answers only to its own names. Check the address, or use the link you were given.</p>
        <p>If this is your site, its log names the host names it answers to when it starts, and the setting that adds one.</p>
        </main>
        </body>
        </html>

        """);

    /// <summary>
    /// Absolute URLs (the OAuth <c>redirect_uri</c>, the http→https redirect) are built from the request's host, so only
    /// the hosts the app is known by may reach it: <see cref="AllowedHostsVariable"/> (or <c>AllowedHosts</c>) when set,
    /// otherwise on Heroku the app's own domain from dyno metadata. With neither (a local run, a dyno without metadata)
    /// every host is accepted, as before. A custom domain must be listed in <see cref="AllowedHostsVariable"/> with the
    /// app's own; <see cref="UseTrustedHosts"/> says so in the log at start.
    /// </summary>
    public static WebApplicationBuilder AddTrustedHosts(this WebApplicationBuilder builder)
    {
        // ASP.NET Core's own host filtering runs before any middleware of the app's and answers with an empty 400 that
        // has no security headers; it lets every host through, and UseTrustedHosts refuses the unknown ones instead.
        builder.Services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        return builder;
    }

    /// <summary>
    /// Logs the host names the app answers to and how to add one, then answers any other <c>Host</c> with <c>400</c> and a
    /// plain page saying the site is not served under that name, before anything is built from it. Runs after the
    /// security headers, so the page carries them too.
    /// </summary>
    public static WebApplication UseTrustedHosts(this WebApplication app)
    {
        var hosts = TrustedHosts(app.Configuration);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrustedHostsExtensions).FullName!);
        if (hosts is ["*"])
        {
            Log.AnswersToAnyHost(logger, AllowedHostsVariable, AllowedHostsSetting, DefaultDomainVariable);
            return app;
        }

        List<StringSegment> allowed = [.. hosts.Select(Pattern)];
        Log.AnswersTo(logger, Shown(hosts), AllowedHostsVariable);
        app.Use((context, next) =>
        {
            var host = context.Request.Headers.Host.ToString();
            if (host.Length == 0 || HostString.MatchesAny(host, allowed))
            {
                return next(context);
            }

            var response = context.Response;
            response.StatusCode = StatusCodes.Status400BadRequest;
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength = UnknownHostPage.Length;
            response.Headers.CacheControl = "no-store";
            return response.Body.WriteAsync(UnknownHostPage, context.RequestAborted).AsTask();
        });

        return app;
    }

    internal static string[] TrustedHosts(IConfiguration configuration)
    {
        var configured = Split(configuration[AllowedHostsVariable]) is { Length: > 0 } fromVariable
            ? fromVariable
            : Split(configuration[AllowedHostsSetting]);
        if (configured.Length > 0 && configured is not ["*"])
        {
            return configured;
        }

        return HerokuEnvironment.IsHeroku(configuration) && Split(configuration[DefaultDomainVariable]) is [var domain]
            ? [domain]
            : ["*"];
    }

    /// <summary>Whether the <see cref="AllowedHostsVariable"/> value <paramref name="hosts"/> lists <paramref name="host"/>.</summary>
    public static bool Lists(string? hosts, string host) => Split(hosts).Contains(host, StringComparer.OrdinalIgnoreCase);

    private static string[] Split(string? hosts) =>
        hosts?.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    // Matched as ASP.NET Core's host filtering matches them: the port ignored, "*.example.com" for subdomains, and a
    // Unicode name in its punycode form, which is how it arrives in the header. A name that has no such form stops the
    // start, naming the setting, rather than failing on the first request.
    private static StringSegment Pattern(string host)
    {
        try
        {
            return new StringSegment(new HostString(host).ToUriComponent());
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(
                $"{AllowedHostsVariable} (or {AllowedHostsSetting}) lists \"{LogValue.Escape(host, maxLength: 100)}\", which is not a host name: list names such as www.example.com, separated by ; or ,.");
        }
    }

    // The names come from config vars: escaped and bounded like any other value in a log line.
    private static string Shown(string[] hosts) =>
        string.Join(", ", hosts.Take(HostsShown).Select(host => LogValue.Escape(host, maxLength: 100)))
        + (hosts.Length > HostsShown ? $" and {hosts.Length - HostsShown} more" : string.Empty);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "The app answers to the host names {Hosts}; any other name gets the \"not served under that name\" page (400). To add a custom domain, set {Variable} to it and these, separated by ; or ,.")]
        internal static partial void AnswersTo(ILogger logger, string hosts, string variable);

        [LoggerMessage(2, LogLevel.Information,
            "The app answers to any host name: none is set in {Variable} or {Setting}, nor in {DefaultDomainVariable} on a dyno. To limit it to yours, custom domains included, set {Variable}.")]
        internal static partial void AnswersToAnyHost(ILogger logger, string variable, string setting, string defaultDomainVariable);
    }
}
