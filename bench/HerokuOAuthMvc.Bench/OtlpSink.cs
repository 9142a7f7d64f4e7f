using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HerokuOAuthMvc.Bench;

/// <summary>An OTLP/HTTP collector on loopback that accepts and drops what the app exports, so the bench measures the export's cost.</summary>
internal sealed class OtlpSink(WebApplication app) : IAsyncDisposable
{
    public string Endpoint => app.Urls.First();

    public int Requests;

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new OtlpSink(app);
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref sink.Requests);
            return Results.Ok();
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
