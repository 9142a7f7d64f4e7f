using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// How hard the app tries when Heroku fails (the <c>Heroku:Resilience</c> section). The defaults keep a failing call
/// well under the router's 30 s; tests shorten them.
/// </summary>
public sealed class HerokuResilienceOptions
{
    public const string SectionName = HerokuOptions.SectionName + ":Resilience";

    /// <summary>The router gives up after 30 s; the whole pipeline must end well before.</summary>
    public static readonly TimeSpan MaxTotalTimeout = TimeSpan.FromSeconds(20);

    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(12);

    private IEnumerable<string> Failures()
    {
        if (MaxRetryAttempts is < 1 or > 5)
        {
            yield return "Heroku:Resilience:MaxRetryAttempts must be between 1 and 5.";
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromSeconds(5))
        {
            yield return "Heroku:Resilience:RetryDelay must be between 00:00:00 and 00:00:05.";
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TotalTimeout)
        {
            yield return "Heroku:Resilience:AttemptTimeout must be positive and no longer than Heroku:Resilience:TotalTimeout.";
        }

        if (TotalTimeout > MaxTotalTimeout)
        {
            yield return $"Heroku:Resilience:TotalTimeout must be at most {MaxTotalTimeout.TotalSeconds:0} s: Heroku's router gives up after 30 s.";
        }
    }

    /// <summary>Checked at start, so a bad setting stops the dyno with a message naming it.</summary>
    internal sealed class Validator : IValidateOptions<HerokuResilienceOptions>
    {
        public ValidateOptionsResult Validate(string? name, HerokuResilienceOptions options)
        {
            var failures = options.Failures().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
