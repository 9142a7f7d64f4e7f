using System.Net;
using System.Text.RegularExpressions;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

[assembly: HostingStartup(typeof(HerokuOAuthMvc.Tests.Hosting.HerokuWebApplicationTests.ToolStartup))]

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// The app starts from the slim builder (<see cref="HerokuWebApplication"/>); what <c>dotnet run</c> and
/// <c>dotnet watch</c> still need of the full builder is checked here as a developer would meet it.
/// </summary>
public sealed class HerokuWebApplicationTests
{
    [Fact]
    public void Without_a_tool_asking_for_more_the_builder_is_the_slim_one()
    {
        // The full builder's log providers for Windows and debuggers, which the slim one leaves out.
        static bool FullBuilders(ServiceDescriptor service) => service.ImplementationType?.Name == "EventSourceLoggerProvider";

        Assert.Contains(WebApplication.CreateBuilder().Services, FullBuilders);
        Assert.DoesNotContain(HerokuWebApplication.CreateBuilder([]).Services, FullBuilders);
    }

    [Fact]
    public void A_tool_that_asks_for_hosting_startup_assemblies_as_dotnet_watch_does_gets_them_run()
    {
        var builder = HerokuWebApplication.CreateBuilder([$"--{WebHostDefaults.HostingStartupAssembliesKey}={typeof(ToolStartup).Assembly.GetName().Name}"]);

        Assert.Contains(builder.Services, service => service.ServiceType == typeof(ToolStartup));
    }

    [Fact]
    public async Task In_Development_the_builds_precompressed_static_files_are_served()
    {
        using var factory = new HerokuAppFactory { Environment = "Development" };
        using var client = factory.CreateClient();
        var page = await client.GetStringAsync("/");
        var stylesheet = Assert.Single(Regex.Matches(page, @"href=""(/css/site\.[a-z0-9]+\.css)""")).Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.Add(HeaderNames.AcceptEncoding, "gzip");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    /// <summary>Stands for <c>dotnet watch</c>'s browser refresh: code a tool loads into the app at start.</summary>
    public sealed class ToolStartup : IHostingStartup
    {
        public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services => services.AddSingleton<ToolStartup>());
    }
}
