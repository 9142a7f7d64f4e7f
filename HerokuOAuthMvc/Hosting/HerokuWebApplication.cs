namespace HerokuOAuthMvc.Hosting;

public static class HerokuWebApplication
{
    /// <summary>
    /// <see cref="WebApplication.CreateSlimBuilder(string[])"/>, which leaves out what a dyno never uses (IIS, HTTP/3,
    /// hosting startup assemblies), with back what <c>dotnet run</c> uses: HTTPS in Kestrel for the https launch
    /// profile (a dyno gets plain HTTP from the router and never loads a certificate), and in Development the build's
    /// static web assets (wwwroot and the precompressed copies the build keeps in obj/; a published app carries its own).
    /// When a tool asks for hosting startup assemblies (<c>dotnet watch</c>'s browser refresh, Visual Studio's Browser
    /// Link), which only the full builder runs, it is <see cref="WebApplication.CreateBuilder(string[])"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        if (AsksForHostingStartups(args))
        {
            return WebApplication.CreateBuilder(args);
        }

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }

    // Read from where the web host reads it (ASPNETCORE_ and DOTNET_ variables, the command line), before it exists.
    private static bool AsksForHostingStartups(string[] args) =>
        !string.IsNullOrWhiteSpace(new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.HostingStartupAssembliesKey]);
}
