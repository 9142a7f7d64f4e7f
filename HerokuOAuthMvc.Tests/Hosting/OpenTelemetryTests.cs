using System.Collections.Concurrent;
using System.Text;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>OpenTelemetry goes out over OTLP only when a collector is configured, naming the service and the dyno.</summary>
[Collection(PublishedAppGroup.Name)]
public sealed class OpenTelemetryTests(PublishedApp app)
{
    [Fact]
    public async Task With_an_OTLP_endpoint_the_requests_spans_reach_the_collector_naming_the_service_and_the_dyno()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var heroku = await HerokuApp.StartAsync(app, dynos: 1, new Dictionary<string, string>(DynoConfig.WithCookieSecret())
        {
            [OpenTelemetryExtensions.EndpointVariable] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            [OpenTelemetryExtensions.ServiceNameVariable] = "heroku-oauth-otel-test",
        });
        using var client = heroku.Router.CreateClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();

        // Heroku's SIGTERM: the app stops, and the exporters send what they still hold.
        await heroku.Dynos[0].TerminateAsync();

        var traces = Assert.Single(collector.Received, request => request.Path == "/v1/traces");
        Assert.Equal("application/x-protobuf", traces.ContentType);
        var body = Encoding.UTF8.GetString(traces.Body);
        Assert.All(
            ["service.name", "heroku-oauth-otel-test", "service.instance.id", "web.1", "http.request.method", "http.response.status_code"],
            text => Assert.Contains(text, body, StringComparison.Ordinal));
        Assert.Contains(collector.Received, request => request.Path == "/v1/metrics");
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_nothing_is_registered_to_export()
    {
        await using var factory = new HerokuAppFactory();
        using var client = factory.CreateClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    /// <summary>An OTLP/HTTP receiver on loopback that keeps every request it gets.</summary>
    private sealed class OtlpCollector(WebApplication app) : IAsyncDisposable
    {
        public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Queue { get; } = new();

        public IEnumerable<(string Path, string? ContentType, byte[] Body)> Received => Queue;

        public string Endpoint => app.Urls.First();

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.Queue.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
