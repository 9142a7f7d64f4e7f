using System.Net;
using HerokuOAuthMvc.Hosting.DataProtection;

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class RedisUrlsTests
{
    [Fact]
    public void A_Key_Value_Store_rediss_url_gives_tls_the_password_and_the_port()
    {
        Assert.True(RedisUrls.TryParse("rediss://:p%40ss@ec2-1-2-3-4.compute-1.amazonaws.com:12345", out var options));

        var endPoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("ec2-1-2-3-4.compute-1.amazonaws.com", 12345), (endPoint.Host, endPoint.Port));
        Assert.True(options.Ssl);
        Assert.Null(options.User);
        Assert.Equal("p@ss", options.Password);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void A_plain_redis_url_with_a_user_and_no_port_uses_6379_without_tls()
    {
        Assert.True(RedisUrls.TryParse("redis://default:secret@localhost", out var options));

        var endPoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(6379, endPoint.Port);
        Assert.False(options.Ssl);
        Assert.Equal("default", options.User);
        Assert.Equal("secret", options.Password);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost:6379")]
    [InlineData("http://localhost:6379")]
    public void Anything_but_a_redis_url_is_refused(string url) =>
        Assert.False(RedisUrls.TryParse(url, out _));
}
