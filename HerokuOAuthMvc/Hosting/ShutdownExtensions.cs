namespace HerokuOAuthMvc.Hosting;

public static class ShutdownExtensions
{
    /// <summary>Heroku sends SIGKILL 30 s after SIGTERM; finishing in-flight requests within 25 s leaves room to exit cleanly.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services) =>
        services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
}
