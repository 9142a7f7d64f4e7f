namespace HerokuOAuthMvc.RateLimiting;

/// <summary>How many sign-ins one address may start per minute (the <c>RateLimiting</c> section).</summary>
public sealed class SignInRateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>
    /// Generous, because offices, schools and tests share an address: a person never meets it, a script hammering
    /// Heroku's consent page through this app does. Counted separately for starting sign-in and for the callback.
    /// </summary>
    public int SignInPermitsPerMinute { get; set; } = 60;
}
