using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Hosting.DataProtection;

/// <summary>Reads the key ring's config vars and checks them at start, naming the config var that is wrong.</summary>
internal sealed class KeyRingOptionsSetup(IConfiguration configuration, IHostEnvironment environment)
    : IConfigureOptions<KeyRingOptions>, IValidateOptions<KeyRingOptions>
{
    public void Configure(KeyRingOptions options)
    {
        options.CookieSecret = configuration[KeyRingOptions.CookieSecretVariable];
#if (redis)
        options.RedisUrl = configuration[KeyRingOptions.RedisUrlVariable];
#endif
        options.OnHeroku = HerokuEnvironment.IsHeroku(configuration);
        options.IsDevelopment = environment.IsDevelopment();
    }

    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) => options.Source switch
    {
#if (redis)
        KeyRingSource.Redis when !RedisUrls.TryParse(options.RedisUrl, out _) =>
            ValidateOptionsResult.Fail($"{KeyRingOptions.RedisUrlVariable} is not a Redis URL: expected redis://[user][:password@]host[:port] or rediss://… as Heroku Key-Value Store sets it."),
#endif
        KeyRingSource.CookieSecret when !CookieSecretKey.HasEnoughEntropy(options.CookieSecret!) =>
            ValidateOptionsResult.Fail($"{KeyRingOptions.CookieSecretVariable} is too weak: it needs at least 32 random bytes, e.g. `heroku config:set {KeyRingOptions.CookieSecretVariable}=$(openssl rand -hex 32)`."),
        KeyRingSource.Local when options.OnHeroku && !options.IsDevelopment =>
#if (redis)
            ValidateOptionsResult.Fail($"No shared Data Protection key ring on Heroku: set {KeyRingOptions.CookieSecretVariable} (`heroku config:set {KeyRingOptions.CookieSecretVariable}=$(openssl rand -hex 32)`) or attach Heroku Key-Value Store, which sets {KeyRingOptions.RedisUrlVariable}. Without one, every restart and every other dyno would sign people out."),
#else
            ValidateOptionsResult.Fail($"No shared Data Protection key ring on Heroku: set {KeyRingOptions.CookieSecretVariable} (`heroku config:set {KeyRingOptions.CookieSecretVariable}=$(openssl rand -hex 32)`). Without it, every restart and every other dyno would sign people out."),
#endif
        _ => ValidateOptionsResult.Success,
    };
}
