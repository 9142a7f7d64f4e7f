using System.Runtime.CompilerServices;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Hosting.DataProtection;
#if (reviewApps)
using HerokuOAuthMvc.ReviewApps;
#endif

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The apps the tests start read what each test configures, not what the machine running the tests happens to set.
/// On Heroku CI the tests run on a dyno, which has <c>DYNO</c>, <c>PORT</c> and the pipeline's config vars: left in the
/// test process they would turn every in-memory app into "running on Heroku".
/// </summary>
internal static class TestRunEnvironment
{
    internal static readonly string[] AppSettings =
    [
        HerokuEnvironment.DynoVariable,
        HerokuEnvironment.PortVariable,
        HerokuOptions.ClientIdVariable,
        HerokuOptions.ClientSecretVariable,
        KeyRingOptions.CookieSecretVariable,
#if (redis)
        KeyRingOptions.RedisUrlVariable,
#endif
#if (reviewApps)
        ReviewAppEnvironment.ApiKeyVariable,
        ReviewAppEnvironment.AppNameVariable,
        ReviewAppEnvironment.PrNumberVariable,
        ReviewAppEnvironment.BranchVariable,
#endif
        "OTEL_EXPORTER_OTLP_ENDPOINT",
    ];

    [ModuleInitializer]
    internal static void ClearTheMachinesAppSettings()
    {
        foreach (var variable in AppSettings)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
