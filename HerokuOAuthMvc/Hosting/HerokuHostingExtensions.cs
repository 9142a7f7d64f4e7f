using HerokuOAuthMvc.Hosting.DataProtection;

namespace HerokuOAuthMvc.Hosting;

/// <summary>Everything running on Heroku takes, behind one <c>Add…</c>/<c>Use…</c> pair; each concern keeps its own file here.</summary>
public static class HerokuHostingExtensions
{
    /// <summary>Listens on <c>$PORT</c>, logs to stdout, shuts down within Heroku's 30 s, trusts the router's forwarded
    /// headers, answers only the hosts it is known by, keeps cookies Secure behind it, shares the Data Protection key ring across dynos, and answers <c>/healthz</c>.</summary>
    public static WebApplicationBuilder AddHerokuHosting(this WebApplicationBuilder builder)
    {
        builder.UseHerokuPort();
        builder.AddHerokuLogging();
        builder.Services.AddGracefulShutdown();
        builder.AddHerokuForwardedHeaders();
        builder.AddTrustedHosts();
        builder.AddHerokuHttps();
        builder.AddHerokuKeyRing();
        builder.AddHerokuHealthChecks();
        return builder;
    }

    /// <summary>The request's first steps on a dyno, in order: the router's headers and request id, security headers,
    /// the trusted hosts, HTTPS, the friendly error pages; and <c>/healthz</c>.</summary>
    public static WebApplication UseHerokuHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseHerokuRequestId();
        app.UseSecurityHeaders();
        app.UseTrustedHosts();
        app.UseHerokuHttps();
        app.UseErrorPages();
        app.MapHealthz();
        return app;
    }
}
