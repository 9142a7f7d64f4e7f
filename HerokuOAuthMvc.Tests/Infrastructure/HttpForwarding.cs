using Microsoft.AspNetCore.Http;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>Copies a request received by a test server onto another server, and the answer back: what a router does.</summary>
public static class HttpForwarding
{
    // Hop-by-hop headers belong to one connection; the Host header is set by the forwarder itself.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    public static async Task<HttpRequestMessage> ToRequestMessageAsync(HttpRequest incoming, Uri target)
    {
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            var body = new MemoryStream();
            await incoming.Body.CopyToAsync(body, incoming.HttpContext.RequestAborted);
            body.Position = 0;
            request.Content = new StreamContent(body);
        }

        foreach (var header in incoming.Headers.Where(h => !NotForwarded.Contains(h.Key) && !h.Key.StartsWith(':')))
        {
            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        return request;
    }

    public static async Task CopyToAsync(HttpResponseMessage response, HttpResponse outgoing)
    {
        outgoing.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !NotForwarded.Contains(h.Key)))
        {
            outgoing.Headers[header.Key] = header.Value.ToArray();
        }

        await response.Content.CopyToAsync(outgoing.Body);
    }
}
