using System.Buffers;

namespace HerokuOAuthMvc.Hosting;

public static class RequestIdExtensions
{
    public const string HeaderName = "X-Request-Id";

    private static readonly SearchValues<char> SafeCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.:-");

    /// <summary>The key of the request id in the log scope; <see cref="HerokuLogFormatter"/> writes it as <c>request_id=…</c>.</summary>
    internal const string LogScopeKey = "HerokuRequestId";

    private static readonly Func<ILogger, string, IDisposable?> RequestScope =
        LoggerMessage.DefineScope<string>("request_id={" + LogScopeKey + "}");

    /// <summary>
    /// Uses the router's <c>X-Request-Id</c> as the request's trace identifier (shown on error pages) and puts it
    /// in every log line of the request as <c>request_id=…</c>, the same words Heroku's router logs use.
    /// </summary>
    public static WebApplication UseHerokuRequestId(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HerokuOAuthMvc.Hosting.RequestId");
        app.Use(async (context, next) =>
        {
            var requestId = context.Request.Headers[HeaderName].ToString();
            if (!IsWellFormed(requestId))
            {
                await next(context);
                return;
            }

            context.TraceIdentifier = requestId;
            context.Response.Headers[HeaderName] = requestId;
            using (RequestScope(logger, requestId))
            {
                await next(context);
            }
        });

        return app;
    }

    // Heroku sends a UUID, or the client's own id of 20 to 200 characters; anything else could forge log lines.
    internal static bool IsWellFormed(string requestId) =>
        requestId.Length is > 0 and <= 200 && !requestId.AsSpan().ContainsAnyExcept(SafeCharacters);
}
