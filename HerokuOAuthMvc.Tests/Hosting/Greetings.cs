using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

internal static class Greetings
{
    /// <summary>Loads the greeting once per dyno (the router takes turns) and checks every dyno knew the session.</summary>
    public static async Task AssertOnEveryDynoAsync(HerokuApp heroku, Func<Task<string>> loadGreeting)
    {
        var servedBy = new HashSet<Uri>();
        for (var load = 0; load < heroku.Dynos.Count; load++)
        {
            Assert.Contains("Hello, Ada Lovelace", await loadGreeting(), StringComparison.Ordinal);
            servedBy.Add(heroku.Router.ServedRequests.Last(r => r.Path == "/user").Dyno);
        }

        Assert.Equal(heroku.Dynos.Select(d => d.Address).ToHashSet(), servedBy);
    }
}
