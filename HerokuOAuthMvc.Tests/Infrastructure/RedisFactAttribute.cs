namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A test that runs Debian's redis-server. Skipped on a developer machine without it; on CI (<c>CI=true</c>) it runs
/// regardless, so a missing server fails the build instead of hiding the tests.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null && !BrowserFactAttribute.IsCi)
        {
            Skip = "redis-server is not installed (apt-get install redis-server).";
        }
    }
}
