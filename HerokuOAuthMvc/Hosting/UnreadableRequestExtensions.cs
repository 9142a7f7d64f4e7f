using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Hosting;

public static partial class UnreadableRequestExtensions
{
    // UTF-7 can smuggle markup past filters; .NET refuses to decode it (SYSLIB0001).
    private const int Utf7CodePage = 65000;

    /// <summary>
    /// A request whose body cannot be read is the client's fault, whoever would read it first (antiforgery, model
    /// binding): it ends on the friendly page with <c>400</c>, <c>413</c> when it announces more than Kestrel
    /// accepts, or <c>415</c> for a charset .NET cannot decode, never on a 500. The status-code pages around it render
    /// the page, with the status taken from the response, never from the request.
    /// </summary>
    public static IApplicationBuilder UseUnreadableRequestPages(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnreadableRequestExtensions));
        return app.Use(async (context, next) =>
        {
            // The error page the status-code pages re-execute to reads nothing from the request it is shown for.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                await next(context);
                return;
            }

            if (context.Request.ContentLength > context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            if (HasUnsupportedCharset(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }

            // Read once, here, so a form that cannot be read fails in one place; MVC's model binding would otherwise
            // turn the failure into a model-state error and run the action with the form missing.
            if (context.Request.HasFormContentType && await ReadFormAsync(context) is { } failure)
            {
                Answer(context, failure, logger);
                return;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                Answer(context, e, logger);
            }
        });
    }

    private static bool HasUnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Length == 0)
        {
            return false;
        }

        try
        {
            return Encoding.GetEncoding(HeaderUtilities.RemoveQuotes(type.Charset).ToString()).CodePage == Utf7CodePage;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return true;
        }
    }

    // Kestrel reports bad framing, oversized and stalled bodies as BadHttpRequestException (an IOException, as is a
    // multipart body that ends early); the form reader reports a malformed form or too many or too long values as
    // InvalidDataException, and an unknown charset inside a multipart section as NotSupportedException.
    private static async Task<Exception?> ReadFormAsync(HttpContext context)
    {
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            return e;
        }
    }

    private static void Answer(HttpContext context, Exception failure, ILogger logger)
    {
        Log.UnreadableRequest(logger, failure.GetType().Name);
        context.Response.StatusCode = failure is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            ? StatusCodes.Status413PayloadTooLarge
            : StatusCodes.Status400BadRequest;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Answered a request whose body could not be read ({ExceptionType}) with the bad-request page.")]
        internal static partial void UnreadableRequest(ILogger logger, string exceptionType);
    }
}
