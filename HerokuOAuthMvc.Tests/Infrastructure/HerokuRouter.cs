using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A stand-in for Heroku's router on 127.0.0.1: it ends TLS (a self-signed certificate made here for
/// <see cref="Host"/>), forwards plain HTTP to the dynos in turn, and adds the headers the real router adds.
/// </summary>
public sealed class HerokuRouter : IAsyncDisposable
{
    /// <summary>The app's public host name; browsers resolve <c>*.localhost</c> to loopback, and so does <see cref="CreateClient"/>.</summary>
    public const string Host = "app.localhost";

    private readonly WebApplication _app;
    private readonly HttpClient _dynoClient = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly ConcurrentQueue<Served> _served = new();
    private Uri[] _dynos;
    private int _turn = -1;

    private readonly X509Certificate2 _certificate;

    private HerokuRouter(WebApplication app, X509Certificate2 certificate, Uri[] dynos)
    {
        _app = app;
        _certificate = certificate;
        _dynos = dynos;
    }

    public int Port { get; private set; }

    public Uri BaseAddress => new($"https://{Host}:{Port}/");

    public Uri CallbackUri => new(BaseAddress, "auth/heroku/callback");

    /// <summary>Which dyno served each request, with the request id the router gave it, in order.</summary>
    public IReadOnlyCollection<Served> ServedRequests => _served;

    public static async Task<HerokuRouter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = CreateCertificate();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();

        var router = new HerokuRouter(app, certificate, []);
        app.Run(router.ForwardAsync);
        await app.StartAsync();
        router.Port = new Uri(app.Urls.First()).Port;
        return router;
    }

    /// <summary>Routes to these dynos from now on, in turn.</summary>
    public void RouteTo(Uri[] dynos) => _dynos = dynos;

    /// <summary>A client for the app's public https address that keeps cookies, trusts the router's own certificate and follows no redirects.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString() },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var endPoint = context.DnsEndPoint.Host == Host
                    ? new DnsEndPoint(IPAddress.Loopback.ToString(), context.DnsEndPoint.Port)
                    : context.DnsEndPoint;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dynoClient.Dispose();
        _certificate.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var dynos = _dynos;
        var dyno = dynos[(int)((uint)Interlocked.Increment(ref _turn) % (uint)dynos.Length)];
        using var request = await HttpForwarding.ToRequestMessageAsync(
            context.Request, new Uri(dyno, context.Request.Path.Value + context.Request.QueryString));

        // As Heroku's router: the Host is kept, the client's X-Forwarded-For is appended to, the scheme and port are
        // the ones the visitor used, and a client's X-Request-Id of 20 to 200 characters is kept, else one is made up.
        request.Headers.Host = context.Request.Host.Value;
        var forwardedFor = context.Request.Headers["X-Forwarded-For"].ToString();
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        request.Headers.Remove("X-Forwarded-For");
        request.Headers.Add("X-Forwarded-For", forwardedFor.Length > 0 ? $"{forwardedFor}, {client}" : client);
        request.Headers.Remove("X-Forwarded-Proto");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Remove("X-Forwarded-Port");
        request.Headers.Add("X-Forwarded-Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var requestId = context.Request.Headers["X-Request-Id"].ToString();
        if (requestId.Length is < 20 or > 200)
        {
            requestId = Guid.NewGuid().ToString();
        }

        request.Headers.Remove("X-Request-Id");
        request.Headers.Add("X-Request-Id", requestId);
        request.Headers.Add("Via", "1.1 vegur");
        _served.Enqueue(new Served(context.Request.Method, context.Request.Path.Value ?? "/", requestId, dyno));

        using var response = await _dynoClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        await HttpForwarding.CopyToAsync(response, context.Response);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }

    public sealed record Served(string Method, string Path, string RequestId, Uri Dyno);
}
