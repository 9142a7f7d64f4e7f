namespace HerokuOAuthMvc.Hosting;

public static class PortExtensions
{
    /// <summary>
    /// Listens on <c>$PORT</c> on every IPv4 and IPv6 address when it is set, as Heroku's router (and Fir's IPv6
    /// network) needs; without it the usual ASP.NET Core defaults and launch profiles apply.
    /// </summary>
    public static WebApplicationBuilder UseHerokuPort(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration[HerokuEnvironment.PortVariable];
        if (!string.IsNullOrWhiteSpace(port))
        {
            if (!int.TryParse(port, out var number) || number is < 1 or > 65535)
            {
                throw new InvalidOperationException($"The {HerokuEnvironment.PortVariable} environment variable must be a port number, not '{port}'.");
            }

            builder.WebHost.UseUrls($"http://*:{number}");
        }

        return builder;
    }
}
