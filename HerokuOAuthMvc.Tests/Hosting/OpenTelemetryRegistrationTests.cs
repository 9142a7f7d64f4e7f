using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>Without a collector, the app in memory registers nothing to export (the published app's export is in <see cref="OpenTelemetryTests"/>).</summary>
public sealed class OpenTelemetryRegistrationTests
{
    [Fact]
    public async Task Without_an_OTLP_endpoint_nothing_is_registered_to_export()
    {
        await using var factory = new HerokuAppFactory();
        using var client = factory.CreateClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }
}
