namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// Sends through a named client's handlers from <see cref="IHttpMessageHandlerFactory"/>, fetched on each send, for a
/// consumer that holds one <see cref="HttpClient"/> for the app's lifetime (the OAuth handler's back channel). The
/// handlers and their resilience pipeline are built on the first send rather than on the first page view, and the
/// factory still rotates them, so DNS changes at Heroku's end are picked up.
/// </summary>
internal sealed class HttpClientFactoryHandler(IHttpMessageHandlerFactory handlerFactory, string clientName) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The factory owns the handlers: they are shared and rotated, never disposed here.
        using var invoker = new HttpMessageInvoker(handlerFactory.CreateHandler(clientName), disposeHandler: false);
        return await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
