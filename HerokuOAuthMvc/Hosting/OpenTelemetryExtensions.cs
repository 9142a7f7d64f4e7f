using System.Runtime.CompilerServices;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HerokuOAuthMvc.Hosting;

public static class OpenTelemetryExtensions
{
    /// <summary>The OTLP collector to send to; OpenTelemetry's own variable, which Heroku's telemetry and any collector use.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name OpenTelemetry's SDKs read; without it the app's name on Heroku, then the assembly's.</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>Set on a dyno with runtime dyno metadata enabled (<c>heroku labs:enable runtime-dyno-metadata</c>).</summary>
    public const string AppNameVariable = "HEROKU_APP_NAME";

    /// <summary>
    /// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, exports traces and metrics from ASP.NET Core, HttpClient (the calls to
    /// Heroku) and the .NET runtime over OTLP, the resource naming the service and the dyno (<c>service.instance.id</c>
    /// is <c>DYNO</c>, such as <c>web.1</c>). The other <c>OTEL_*</c> variables (protocol, headers, sampler) work as
    /// OpenTelemetry documents them. Without the endpoint nothing is registered and no OpenTelemetry assembly is loaded.
    /// </summary>
    public static WebApplicationBuilder AddHerokuOpenTelemetry(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable]))
        {
            AddOtlpExport(builder);
        }

        return builder;
    }

    // A method of its own: the runtime loads the OpenTelemetry assemblies when it first compiles code that uses them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlpExport(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var serviceName = new[] { configuration[ServiceNameVariable], configuration[AppNameVariable], builder.Environment.ApplicationName }
            .First(name => !string.IsNullOrWhiteSpace(name))!;
        var dyno = configuration[HerokuEnvironment.DynoVariable];

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName,
                serviceInstanceId: string.IsNullOrWhiteSpace(dyno) ? null : dyno,
                autoGenerateServiceInstanceId: string.IsNullOrWhiteSpace(dyno)))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
    }
}
