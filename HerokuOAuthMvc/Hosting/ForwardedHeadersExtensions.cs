using Microsoft.AspNetCore.HttpOverrides;

namespace HerokuOAuthMvc.Hosting;

public static class ForwardedHeadersExtensions
{
    /// <summary>
    /// Believes the scheme and client address the router forwards, so the OAuth redirect_uri, HTTPS redirection,
    /// HSTS and Secure cookies see the https the visitor used. On Heroku the router's addresses are not known in
    /// advance, so any peer is trusted (a dyno is reachable only through the router); elsewhere only loopback is.
    /// </summary>
    public static WebApplicationBuilder AddHerokuForwardedHeaders(this WebApplicationBuilder builder)
    {
        var onHeroku = HerokuEnvironment.IsHeroku(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // The router appends the address it saw to any X-Forwarded-For the client sent: only the last entry is true.
            options.ForwardLimit = 1;

            if (onHeroku)
            {
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            }
        });

        return builder;
    }
}
