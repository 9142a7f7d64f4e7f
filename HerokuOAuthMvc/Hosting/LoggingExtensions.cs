using Microsoft.Extensions.Logging.Console;

namespace HerokuOAuthMvc.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Logs to stdout, one line per event (exceptions included), with the request's scopes on the same line, which is
    /// what Heroku's log router and <c>heroku logs --tail</c> expect. The router stamps the time itself.
    /// </summary>
    public static WebApplicationBuilder AddHerokuLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = true;
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        });

        // Whatever writes the lines, values from requests and from Heroku reach them escaped and bounded.
        EscapingLoggerFactory.Register(builder.Services);
        return builder;
    }
}
