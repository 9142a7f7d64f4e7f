namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// Keeps cookies the way a browser does on http://127.0.0.1 (a secure context), so the correlation cookie, which is
/// always <c>Secure</c>, comes back on the plain-HTTP callback. <see cref="System.Net.CookieContainer"/> would drop it.
/// </summary>
public sealed class CookieJar() : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>The cookies a browser would keep now, by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>The Cookie header a browser would send now.</summary>
    public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", Header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            Keep(SetCookieHeaderValue(setCookie));
        }

        return response;
    }

    private void Keep((string Name, string Value, bool Expired) cookie)
    {
        if (cookie.Expired)
        {
            _cookies.Remove(cookie.Name);
        }
        else
        {
            _cookies[cookie.Name] = cookie.Value;
        }
    }

    private static (string Name, string Value, bool Expired) SetCookieHeaderValue(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var separator = parts[0].IndexOf('=', StringComparison.Ordinal);
        var expires = parts.Skip(1)
            .Where(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))
            .Select(p => DateTimeOffset.TryParse(p["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null)
            .FirstOrDefault();
        return (parts[0][..separator], parts[0][(separator + 1)..], expires < DateTimeOffset.UtcNow);
    }
}
