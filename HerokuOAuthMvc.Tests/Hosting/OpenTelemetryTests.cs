using System.Text;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>OpenTelemetry goes out over OTLP only when a collector is configured, naming the service and the dyno.</summary>
[Trait("Category", "Slow")]
public sealed class OpenTelemetryTests(PublishedApp app) : IClassFixture<PublishedApp>
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

        // The exporter sends a batch every 5 s and the rest at shutdown: on a busy machine the spans come in several.
        var traces = collector.Received.Where(request => request.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, request => Assert.Equal("application/x-protobuf", request.ContentType));
        var body = string.Concat(traces.Select(request => Encoding.UTF8.GetString(request.Body)));
        Assert.All(
            ["service.name", "heroku-oauth-otel-test", "service.instance.id", "web.1", "http.request.method", "http.response.status_code"],
            text => Assert.Contains(text, body, StringComparison.Ordinal));
        Assert.Contains(collector.Received, request => request.Path == "/v1/metrics");
    }
}
