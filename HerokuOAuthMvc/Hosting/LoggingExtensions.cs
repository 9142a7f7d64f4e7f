using Microsoft.Extensions.Logging.Console;

namespace HerokuOAuthMvc.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Logs to stdout, one <c>key=value</c> line per event (<see cref="HerokuLogFormatter"/>), which is what Heroku's log
    /// router and <c>heroku logs --tail</c> expect; the router stamps the time itself. How much is logged comes from
    /// appsettings.json's <c>Logging:LogLevel</c>, which any config var such as
    /// <c>Logging__LogLevel__System.Net.Http.HttpClient=Information</c> overrides.
    /// </summary>
    public static WebApplicationBuilder AddHerokuLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Logging.AddConsole(options => options.FormatterName = HerokuLogFormatter.Name);
        builder.Logging.AddConsoleFormatter<HerokuLogFormatter, ConsoleFormatterOptions>();

        // Whatever writes the lines, values from requests and from Heroku reach them escaped and bounded.
        EscapingLoggerFactory.Register(builder.Services);
        return builder;
    }
}
