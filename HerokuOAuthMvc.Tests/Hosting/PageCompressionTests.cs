using System.IO.Compression;
using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>Pages go out compressed as the browser asks, since Heroku's router does not compress, except where compression could leak what a page holds.</summary>
public sealed class PageCompressionTests : IDisposable
{
    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "gzip")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip;q=0.5, br", "br")]
    public async Task The_sign_in_page_is_compressed_as_the_browser_asks(string acceptEncoding, string encoding)
    {
        var client = _factory.CreateClient();

        using var response = await client.SendAsync(Get("/?returnUrl=/user", acceptEncoding));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains(HeaderNames.AcceptEncoding, response.Headers.Vary);
        Assert.Contains(">Sign in with Heroku</button>", await DecompressedAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signed_in_greeting_is_compressed()
    {
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);

        using var response = await client.SendAsync(Get("/user", "gzip, deflate, br, zstd"));

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Hello, Ada Lovelace", await DecompressedAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/user?tab=user%40example.com")]
    [InlineData("/?returnUrl=/user%40example.com")]
    [InlineData("/?notice=signed-out")]
    public async Task A_signed_in_page_whose_address_an_attacker_could_choose_is_not_compressed(string path)
    {
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);

        using var response = await client.SendAsync(Get(path, "gzip, deflate, br, zstd"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Ada Lovelace", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_error_page_is_not_compressed()
    {
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);

        using var response = await client.SendAsync(Get("/no-such-page", "gzip, deflate, br, zstd"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Without_Accept_Encoding_a_page_is_sent_as_is()
    {
        using var response = await _factory.CreateClient().GetAsync("/");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains(">Sign in with Heroku</button>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_to_a_form_post_is_not_compressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/heroku") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(HeaderNames.AcceptEncoding, "gzip, deflate, br, zstd");

        using var refused = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(refused.Content.Headers.ContentEncoding);
    }

    private static HttpRequestMessage Get(string path, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HeaderNames.AcceptEncoding, acceptEncoding);
        return request;
    }

    private static async Task<string> DecompressedAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decompressed = response.Content.Headers.ContentEncoding.Single() == "br"
            ? new BrotliStream(body, CompressionMode.Decompress)
            : new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressed);
        return await reader.ReadToEndAsync();
    }
}
