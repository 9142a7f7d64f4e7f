using HerokuOAuthMvc.Hosting.DataProtection;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
#if (redis)
using StackExchange.Redis;
#endif

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class KeyRingTests
{
    private const string Secret = "3f9c2a7be1d04c5a8e6f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a";

    [Theory]
    [InlineData(Secret, true)]
    [InlineData("q1VfUw8m5o0r6v3cJ9bXkQ2nL7tY4hZsA1dE8gR5uPw=", true)]
    [InlineData("correct horse battery staple, a phrase that is quite long enough", true)]
    [InlineData("3f9c2a7be1d04c5a8e6f1b2c3d4e5f60", false)]
    [InlineData("too short", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void A_cookie_secret_needs_32_random_bytes(string secret, bool accepted) =>
        Assert.Equal(accepted, CookieSecretKey.HasEnoughEntropy(secret));

    [Fact]
    public void Two_processes_with_the_same_cookie_secret_read_each_others_cookies()
    {
        var payload = Protector(Secret).Protect("session");

        Assert.Equal("session", Protector(Secret).Unprotect(payload));
    }

    [Fact]
    public void A_new_cookie_secret_no_longer_reads_cookies_made_with_the_old_one()
    {
        var payload = Protector(Secret).Protect("session");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(Secret.Replace('3', '4')).Unprotect(payload));
    }

    [Fact]
    public void The_derived_key_is_never_stored_or_rotated()
    {
        var repository = new CookieSecretXmlRepository(Secret);

        var key = Assert.Single(repository.GetAllElements());
        Assert.Equal(CookieSecretKey.KeyId(Secret).ToString(), key.Attribute("id")!.Value);
        var exception = Assert.Throws<NotSupportedException>(() => repository.StoreElement(key, "rotation"));
        Assert.Contains("COOKIE_SECRET", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
#if (redis)
    [InlineData("web.1", null, null, "No shared Data Protection key ring on Heroku: set COOKIE_SECRET", "REDIS_URL")]
#else
    [InlineData("web.1", null, null, "No shared Data Protection key ring on Heroku: set COOKIE_SECRET", "openssl rand -hex 32")]
#endif
    [InlineData("web.1", "changeme", null, "COOKIE_SECRET is too weak", "openssl rand -hex 32")]
#if (redis)
    [InlineData(null, null, "http://user:hunter2@example.com", "REDIS_URL is not a Redis URL", "rediss://")]
#endif
    public void A_missing_or_unusable_key_ring_setting_stops_the_app_naming_it_without_echoing_it(
        string? dyno, string? cookieSecret, string? redisUrl, string says, string alsoSays)
    {
        using var factory = new HerokuAppFactory().With("DYNO", dyno).With("COOKIE_SECRET", cookieSecret).With("REDIS_URL", redisUrl);

        var message = factory.StartupFailure().Message;

        Assert.Contains(says, message, StringComparison.Ordinal);
        Assert.Contains(alsoSays, message, StringComparison.Ordinal);
        Assert.DoesNotContain("changeme", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_Production_the_key_comes_from_COOKIE_SECRET_and_automatic_key_generation_is_off()
    {
        using var factory = new HerokuAppFactory().With("COOKIE_SECRET", Secret);

        var options = factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;

        Assert.IsType<CookieSecretXmlRepository>(options.XmlRepository);
        Assert.False(options.AutoGenerateKeys);
    }

#if (redis)
    [Fact]
    public void Without_REDIS_URL_no_Redis_connection_is_registered()
    {
        using var factory = new HerokuAppFactory().With("COOKIE_SECRET", Secret);

        Assert.Null(factory.Services.GetService<IConnectionMultiplexer>());
    }

#endif
    [Fact]
    public void In_Development_COOKIE_SECRET_is_ignored_for_the_local_key_ring()
    {
        using var factory = new HerokuAppFactory { Environment = "Development" }.With("COOKIE_SECRET", Secret);

        Assert.Equal(KeyRingSource.Local, factory.Services.GetRequiredService<IOptions<KeyRingOptions>>().Value.Source);
        Assert.Null(factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
    }

    private static IDataProtector Protector(string cookieSecret)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(KeyRingExtensions.ApplicationName);
        services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new CookieSecretXmlRepository(cookieSecret);
            options.AutoGenerateKeys = false;
        });
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }
}
