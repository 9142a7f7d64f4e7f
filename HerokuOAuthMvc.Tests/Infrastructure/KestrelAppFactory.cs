using Microsoft.AspNetCore.Hosting;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port on 127.0.0.1, as <c>dotnet run</c> starts it on a fresh clone:
/// Development, no OAuth client, so sign-in goes through the local stand-in for Heroku.
/// </summary>
public sealed class KestrelAppFactory : HerokuAppFactory
{
    public KestrelAppFactory()
        : this(simulated: true)
    {
    }

    private KestrelAppFactory(bool simulated)
    {
        if (simulated)
        {
            Environment = "Development";
            UseFakeHeroku = false;
            With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);
        }

        // Without a port: UseKestrel(port) has the factory rewrite the server's addresses after the app has started
        // Kestrel on its own thread, a race Kestrel sometimes wins ("Addresses cannot be modified after the server has
        // started", dotnet/aspnetcore#67714). The port comes from UseUrls below instead: 0, a free one.
        UseKestrel();
    }

    /// <summary>Production with an OAuth client and the strict <see cref="FakeHeroku"/>, on a real port: for raw HTTP.</summary>
    public static KestrelAppFactory Production() => new(simulated: false);

    /// <summary>Where the browser reaches the app, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseUrls("http://127.0.0.1:0");

        // Outside Development the app expects published static files (with their precompressed copies); a browser
        // sent to a build needs them from the build, as Development gets them.
        builder.UseStaticWebAssets();
    }
}
