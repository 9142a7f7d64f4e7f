namespace HerokuOAuthMvc.Hosting;

public static class SlimBuilderExtensions
{
    /// <summary>
    /// What <see cref="WebApplication.CreateBuilder(string[])"/> has and <see cref="WebApplication.CreateSlimBuilder(string[])"/>
    /// leaves out, where this app still uses it: HTTPS in Kestrel, for the https launch profile (a dyno gets plain HTTP
    /// from the router and never loads a certificate), and in Development the build's static web assets (wwwroot and
    /// the precompressed copies the build keeps in obj/), which a published app carries in its own folder.
    /// </summary>
    public static WebApplicationBuilder AddWhatTheSlimBuilderLeavesOut(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }
}
