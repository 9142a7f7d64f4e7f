using System.Text.Json;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Hosting.DataProtection;
#if (reviewApps)
using HerokuOAuthMvc.ReviewApps;
#endif
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>app.json is what the Deploy button and review apps read: a mistake there only shows on Heroku.</summary>
public sealed class AppJsonTests
{
    private static readonly JsonElement AppJson =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Screenshots.RepositoryRoot(), "app.json"))).RootElement;

    /// <summary>Config vars Heroku itself sets: on every dyno, in every review app, or with the Key-Value Store add-on.</summary>
    private static readonly string[] SetByHeroku =
    [
        HerokuEnvironment.DynoVariable,
        HerokuEnvironment.PortVariable,
#if (reviewApps)
        ReviewAppEnvironment.AppNameVariable,
        ReviewAppEnvironment.PrNumberVariable,
        ReviewAppEnvironment.BranchVariable,
#endif
#if (redis)
        KeyRingOptions.RedisUrlVariable,
#endif
        TrustedHostsExtensions.DefaultDomainVariable,
    ];

    private static readonly string[] DynoSizes = ["eco", "basic"];

    private static readonly string[] EnvEntryFields = ["description", "value", "required", "generator"];

    /// <summary>Every config var the app (and its review-app command) reads in Production without a default.</summary>
    private static readonly string[] ReadInProduction =
    [
        HerokuOptions.ClientIdVariable,
        HerokuOptions.ClientSecretVariable,
        KeyRingOptions.CookieSecretVariable,
#if (redis)
        KeyRingOptions.RedisUrlVariable,
#endif
        HerokuEnvironment.DynoVariable,
        HerokuEnvironment.PortVariable,
#if (reviewApps)
        ReviewAppEnvironment.ApiKeyVariable,
        ReviewAppEnvironment.AppNameVariable,
        ReviewAppEnvironment.PrNumberVariable,
        ReviewAppEnvironment.BranchVariable,
#endif
        TrustedHostsExtensions.AllowedHostsVariable,
        TrustedHostsExtensions.DefaultDomainVariable,
    ];

    [Fact]
    public void It_describes_the_app_for_the_Deploy_button()
    {
        Assert.Equal("HerokuOAuthMvc", AppJson.GetProperty("name").GetString());
        Assert.InRange(AppJson.GetProperty("description").GetString()!.Trim().Length, 1, 140);
        // A new app made with `dotnet new heroku-oauth-mvc` has no repository yet: the template leaves the field out.
        if (AppJson.TryGetProperty("repository", out var repository))
        {
            Assert.StartsWith("https://", repository.GetString(), StringComparison.Ordinal);
        }

        Assert.NotEmpty(AppJson.GetProperty("keywords").EnumerateArray());
        Assert.Equal("heroku/dotnet", Assert.Single(AppJson.GetProperty("buildpacks").EnumerateArray()).GetProperty("url").GetString());
        Assert.False(AppJson.TryGetProperty("logo", out _));
    }

    [Fact]
#if (reviewApps)
    public void It_runs_one_web_dyno_in_the_app_and_in_review_apps()
    {
        foreach (var formation in new[] { AppJson, AppJson.GetProperty("environments").GetProperty("review") }.Select(e => e.GetProperty("formation")))
#else
    public void It_runs_one_web_dyno()
    {
        foreach (var formation in new[] { AppJson.GetProperty("formation") })
#endif
        {
            var web = formation.GetProperty("web");
            Assert.Equal(1, web.GetProperty("quantity").GetInt32());
            Assert.Contains(web.GetProperty("size").GetString(), DynoSizes);
        }
    }

    [Fact]
    public void The_OAuth_client_is_required_and_described_and_COOKIE_SECRET_is_generated()
    {
        var env = AppJson.GetProperty("env");
        foreach (var name in new[] { HerokuOptions.ClientIdVariable, HerokuOptions.ClientSecretVariable })
        {
            Assert.True(env.GetProperty(name).GetProperty("required").GetBoolean(), name);
            Assert.False(string.IsNullOrWhiteSpace(env.GetProperty(name).GetProperty("description").GetString()), name);
        }

        Assert.Equal("secret", env.GetProperty(KeyRingOptions.CookieSecretVariable).GetProperty("generator").GetString());
    }

#if (reviewApps)
    [Fact]
    public void Review_apps_declare_the_ALLOWED_HOSTS_their_postdeploy_script_sets_without_a_value_that_would_override_it()
    {
        var review = AppJson.GetProperty("environments").GetProperty("review").GetProperty("env");

        Assert.False(review.GetProperty(TrustedHostsExtensions.AllowedHostsVariable).GetProperty("required").GetBoolean());
        Assert.False(review.GetProperty(TrustedHostsExtensions.AllowedHostsVariable).TryGetProperty("value", out _));
    }

    // Whether environments.review.env merges with the top-level env or replaces it is not documented: a review app
    // without a generated COOKIE_SECRET (and no Key-Value Store) would stop at boot.
    [Fact]
    public void Review_apps_get_a_generated_COOKIE_SECRET_of_their_own_whether_or_not_the_top_level_env_is_merged()
    {
        var review = AppJson.GetProperty("environments").GetProperty("review").GetProperty("env");

        Assert.Equal("secret", review.GetProperty(KeyRingOptions.CookieSecretVariable).GetProperty("generator").GetString());
        Assert.False(review.GetProperty(KeyRingOptions.CookieSecretVariable).TryGetProperty("value", out _));
    }
#endif

    [Fact]
    public void Every_config_var_the_app_reads_in_Production_is_declared_or_set_by_Heroku()
    {
        var declared = AppJson.GetProperty("env").EnumerateObject()
#if (reviewApps)
            .Concat(AppJson.GetProperty("environments").GetProperty("review").GetProperty("env").EnumerateObject())
#endif
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(ReadInProduction, name => !declared.Contains(name) && !SetByHeroku.Contains(name));
    }

    [Fact]
    public void Every_env_entry_says_what_it_is()
    {
#if (reviewApps)
        var review = AppJson.GetProperty("environments").GetProperty("review").GetProperty("env");
        foreach (var entry in AppJson.GetProperty("env").EnumerateObject().Concat(review.EnumerateObject()))
#else
        foreach (var entry in AppJson.GetProperty("env").EnumerateObject())
#endif
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.GetProperty("description").GetString()), entry.Name);
            Assert.Empty(entry.Value.EnumerateObject().Select(p => p.Name).Except(EnvEntryFields));
        }
    }
}
