using System.Net;
using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// The app starts from <c>WebApplication.CreateSlimBuilder</c>; what <c>dotnet run</c> still needs of the full builder
/// comes back in Hosting/SlimBuilderExtensions.cs, and is checked here as a developer would meet it.
/// </summary>
public sealed class SlimBuilderTests
{
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
}
