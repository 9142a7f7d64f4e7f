using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>Sends bytes exactly as written, so neither HttpClient nor Uri can tidy a malformed request up.</summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="request"/> (CRLF line ends; Host, Connection and, for a body, Content-Length are added
    /// when absent) and reads the answer until the server closes the connection.
    /// </summary>
    public static Task<RawResponse> SendAsync(Uri address, string request) => SendAsync(address, request, stallFor: TimeSpan.Zero);

    /// <summary>
    /// As <see cref="SendAsync(Uri, string)"/>, but with <paramref name="stallFor"/> above zero the head and body are sent
    /// and the connection is then kept open without sending the rest of the body the head announced.
    /// </summary>
    public static async Task<RawResponse> SendAsync(Uri address, string request, TimeSpan stallFor)
    {
        var (head, separator, body) = request.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var split and >= 0
            ? (request[..split], "\r\n\r\n", request[(split + 4)..])
            : (request, "\r\n\r\n", string.Empty);
        if (!head.Contains("\r\nHost:", StringComparison.OrdinalIgnoreCase) && head.Contains(" HTTP/", StringComparison.Ordinal))
        {
            head += $"\r\nHost: {address.Authority}";
        }

        if (body.Length > 0 && !head.Contains("Content-Length:", StringComparison.OrdinalIgnoreCase)
            && !head.Contains("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
        {
            head += $"\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}";
        }

        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15) + stallFor);
        await tcp.ConnectAsync(address.Host, address.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head + "\r\nConnection: close" + separator + body), timeout.Token);

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // Kestrel may reset the connection after answering a request it refuses to read.
        }
        catch (OperationCanceledException) when (received.Length > 0)
        {
            // A stalled request: the answer came, the connection was left open.
        }

        return RawResponse.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }
}

/// <summary>An answer as it came over the wire: the status line exactly, the head and the body.</summary>
public sealed partial record RawResponse(string StatusLine, int Status, string Head, string Body, string? Location)
{
    public static RawResponse Parse(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"No HTTP response: '{text}'");
        var head = text[..split];
        var body = text[(split + 4)..];
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var location = lines.FirstOrDefault(l => l.StartsWith("Location:", StringComparison.OrdinalIgnoreCase))?["Location:".Length..].Trim();
        return new RawResponse(lines[0], status, head, body, location);
    }

    /// <summary>A status line a router accepts: HTTP/1.1, a three-digit error or success code and its reason phrase.</summary>
    public bool HasWellFormedStatusLine => WellFormedStatusLine().IsMatch(StatusLine);

    [GeneratedRegex("^HTTP/1\\.1 [1-5][0-9]{2} [A-Za-z][A-Za-z -]*$")]
    private static partial Regex WellFormedStatusLine();
}
