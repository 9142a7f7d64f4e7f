using Microsoft.AspNetCore.HostFiltering;

namespace HerokuOAuthMvc.Hosting;

public static class TrustedHostsExtensions
{
    /// <summary>The config var listing the host names the app answers to, separated by <c>;</c> or <c>,</c>.</summary>
    public const string AllowedHostsVariable = "ALLOWED_HOSTS";

    /// <summary>ASP.NET Core's own setting for the same list (<c>appsettings.json</c> has <c>*</c>).</summary>
    public const string AllowedHostsSetting = "AllowedHosts";

    /// <summary>The app's herokuapp.com host name, set on dynos with dyno metadata (<c>heroku labs:enable runtime-dyno-metadata</c>).</summary>
    public const string DefaultDomainVariable = "HEROKU_APP_DEFAULT_DOMAIN_NAME";

    /// <summary>
    /// Absolute URLs (the OAuth <c>redirect_uri</c>, the http→https redirect) are built from the request's host, so only
    /// the hosts the app is known by may reach it: <see cref="AllowedHostsVariable"/> (or <c>AllowedHosts</c>) when set,
    /// otherwise on Heroku the app's own domain from dyno metadata. Any other <c>Host</c> gets a 400 from ASP.NET Core's
    /// host filtering before anything is built from it. With neither (a local run, a dyno without metadata) every host
    /// is accepted, as before. A custom domain must be listed in <see cref="AllowedHostsVariable"/> with the app's own.
    /// </summary>
    public static WebApplicationBuilder AddTrustedHosts(this WebApplicationBuilder builder)
    {
        var hosts = TrustedHosts(builder.Configuration);
        builder.Services.Configure<HostFilteringOptions>(options =>
        {
            options.AllowedHosts = hosts;
            options.IncludeFailureMessage = false;
        });

        return builder;
    }

    internal static string[] TrustedHosts(IConfiguration configuration)
    {
        var configured = Split(configuration[AllowedHostsVariable]) is { Length: > 0 } fromVariable
            ? fromVariable
            : Split(configuration[AllowedHostsSetting]);
        if (configured.Length > 0 && configured is not ["*"])
        {
            return configured;
        }

        return HerokuEnvironment.IsHeroku(configuration) && Split(configuration[DefaultDomainVariable]) is [var domain]
            ? [domain]
            : ["*"];
    }

    private static string[] Split(string? hosts) =>
        hosts?.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
