namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A test that runs Debian's redis-server (and, with <see cref="AlsoNeedsBrowser"/>, Chromium). Skipped on a developer
/// machine without them; on CI (<c>CI=true</c>) it runs regardless, so a missing tool fails the build instead of
/// hiding the tests.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() =>
        Skip = RequiredTool.SkipReason(RedisServer.Executable is not null, "redis-server is not installed (apt-get install redis-server).");

    public bool AlsoNeedsBrowser
    {
        get => field;
        set
        {
            field = value;
            if (value)
            {
                Skip ??= BrowserFactAttribute.SkipReason;
            }
        }
    }
}
