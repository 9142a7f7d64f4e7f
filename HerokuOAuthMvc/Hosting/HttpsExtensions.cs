using Microsoft.AspNetCore.Authentication.Cookies;

namespace HerokuOAuthMvc.Hosting;

public static class HttpsExtensions
{
    /// <summary>The cookie name prefix browsers accept only from a secure page, with <c>Secure</c>, <c>Path=/</c> and no <c>Domain</c>.</summary>
    public const string HostCookiePrefix = "__Host-";

    /// <summary>
    /// Outside Development the site is https only: plain http is redirected, HSTS is sent, and every cookie (session,
    /// OAuth correlation) is Secure. Behind Heroku's router this works because the forwarded headers restore the https
    /// the visitor used. The session cookie carries the <c>__Host-</c> prefix, so no other host (a sibling subdomain, a
    /// plain-http page) can set or shadow it. The OAuth correlation cookies keep
    /// the framework's names and callback path, which the prefix would not allow; they are Secure and short-lived.
    /// Development runs on plain http, where browsers refuse Secure cookies, so it keeps the plain names.
    /// </summary>
    public static WebApplicationBuilder AddHerokuHttps(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return builder;
        }

        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

        // The router listens on 443; a dyno has no https address of its own to discover the port from.
        if (HerokuEnvironment.IsHeroku(builder.Configuration))
        {
            builder.Services.AddHttpsRedirection(options => options.HttpsPort = 443);
        }

        builder.Services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.Always);
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(options => UseHostPrefix(options.Cookie));

        return builder;
    }

    // Secure comes from the cookie policy above, which marks the cookie even on a plain-http request (one that reached
    // the dyno without the router).
    private static void UseHostPrefix(CookieBuilder cookie)
    {
        if (cookie.Name is { } name && !name.StartsWith(HostCookiePrefix, StringComparison.Ordinal))
        {
            cookie.Name = HostCookiePrefix + name;
        }

        cookie.Path = "/";
        cookie.Domain = null;
    }

    public static WebApplication UseHerokuHttps(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        app.UseHsts();
        app.UseHttpsRedirection();
        app.UseCookiePolicy();
        return app;
    }
}
