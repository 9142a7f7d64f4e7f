namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>Config vars shared by the tests that run dynos.</summary>
internal static class DynoConfig
{
    /// <summary>What app.json's <c>generator: secret</c> makes: 64 hex characters.</summary>
    public const string CookieSecret = "9b1e4c7d2a5f8e3b6c9d0a1f4e7b2c5d8a3f6e9b0c1d4a7f2e5b8c3d6a9f0e1b";

    public static Dictionary<string, string> WithCookieSecret() => new() { ["COOKIE_SECRET"] = CookieSecret };
}
