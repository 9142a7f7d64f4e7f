namespace HerokuOAuthMvc.Hosting;

public static class HttpsExtensions
{
    /// <summary>
    /// Outside Development the site is https only: plain http is redirected, HSTS is sent, and every cookie (session,
    /// OAuth correlation, antiforgery) is Secure. Behind Heroku's router this works because the forwarded headers
    /// restore the https the visitor used.
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

        return builder;
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
