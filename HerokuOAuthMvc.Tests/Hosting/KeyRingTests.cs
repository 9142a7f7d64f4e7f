using HerokuOAuthMvc.Hosting.DataProtection;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    [Fact]
    public void On_Heroku_without_COOKIE_SECRET_or_REDIS_URL_the_app_refuses_to_start_naming_both()
    {
        using var factory = new HerokuAppFactory().With("DYNO", "web.1");

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("COOKIE_SECRET", exception.Message, StringComparison.Ordinal);
        Assert.Contains("REDIS_URL", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weak_COOKIE_SECRET_stops_the_app_with_a_message_naming_it()
    {
        using var factory = new HerokuAppFactory().With("DYNO", "web.1").With("COOKIE_SECRET", "changeme");

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("COOKIE_SECRET is too weak", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_REDIS_URL_stops_the_app_without_repeating_the_url()
    {
        using var factory = new HerokuAppFactory().With("REDIS_URL", "http://user:hunter2@example.com");

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("REDIS_URL is not a Redis URL", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_Production_the_key_comes_from_COOKIE_SECRET_and_automatic_key_generation_is_off()
    {
        using var factory = new HerokuAppFactory().With("COOKIE_SECRET", Secret);

        var options = factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;

        Assert.IsType<CookieSecretXmlRepository>(options.XmlRepository);
        Assert.False(options.AutoGenerateKeys);
    }

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
