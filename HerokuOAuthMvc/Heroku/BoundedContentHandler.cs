using Microsoft.Extensions.Http.Resilience;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// Reads each Heroku answer's body in full, and at most <see cref="MaxContentBytes"/> of it, before the answer leaves
/// the resilience pipeline's attempt. The attempt and total timeouts end when the headers arrive; read here, a body
/// that stalls after its headers or trickles in a byte at a time counts against the same timeouts (and is retried
/// like any slow answer), so every Heroku call ends well inside the router's 30 s.
/// </summary>
internal sealed class BoundedContentHandler : DelegatingHandler
{
    /// <summary>Far above any answer the app reads (an account is about 1 KB, a page of 1,000 apps about 2 MB).</summary>
    public const int MaxContentBytes = 4 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            // Too large a body fails as an HttpRequestException, so callers treat it as Heroku being unavailable.
            await response.Content.LoadIntoBufferAsync(MaxContentBytes, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

internal static class BoundedContentExtensions
{
    /// <summary>
    /// The standard resilience handler, with <see cref="BoundedContentHandler"/> inside it: one mechanism for every
    /// Heroku client (the back channel, the Platform API clients, the review-app command's client).
    /// </summary>
    public static IHttpStandardResiliencePipelineBuilder AddBoundedStandardResilienceHandler(this IHttpClientBuilder builder)
    {
        var resilience = builder.AddStandardResilienceHandler();
        builder.AddHttpMessageHandler(() => new BoundedContentHandler());
        return resilience;
    }
}
