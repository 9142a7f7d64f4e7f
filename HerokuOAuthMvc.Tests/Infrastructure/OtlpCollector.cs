using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// An OTLP/HTTP collector on loopback (<c>POST /v1/traces</c>, <c>/v1/metrics</c>…): it counts every export and keeps
/// the first <paramref name="kept"/> as received, so a test can read them and the bench can send it a load's worth.
/// </summary>
public sealed class OtlpCollector(WebApplication app, int kept) : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _received = new();
    private readonly int _kept = kept;
    private int _exports;

    /// <summary>What to set as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint => app.Urls.First();

    public int Exports => _exports;

    public IEnumerable<(string Path, string? ContentType, byte[] Body)> Received => _received;

    public static async Task<OtlpCollector> StartAsync(int kept = 100)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollector(app, kept);
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (Interlocked.Increment(ref collector._exports) <= collector._kept)
            {
                collector._received.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
