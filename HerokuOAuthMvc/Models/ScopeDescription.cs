using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.Models;

/// <summary>What the configured Heroku scopes let the app see and do, in plain words for the sign-in page.</summary>
public sealed record ScopeDescription(string Scopes, bool Several, IReadOnlyList<string> WhatTheAppSees, string Consequence)
{
    public static ScopeDescription For(string scope)
    {
        var granted = HerokuScopes.Parse(scope);
        var sees = new List<string>();
        if (HerokuScopes.Allows(granted, HerokuScopes.Identity))
        {
            sees.Add("your name and email address;");
            sees.Add("whether your email is verified and two-factor authentication is on;");
            sees.Add("when you joined Heroku and when you last logged in;");
        }

        // The broadest scope granted says it all: each includes the narrower ones.
        var (apps, consequence) = HerokuScopes.All.FirstOrDefault(s => s != HerokuScopes.Identity && granted.Contains(s)) switch
        {
            HerokuScopes.Global => ("everything else in your account: your apps, their config vars and resources, and your account settings, which it could also change.",
                "it has full access to your account"),
            HerokuScopes.WriteProtected => ("your apps and their resources, config vars included, which it could also change.",
                "it can see and change your apps and their config vars"),
            HerokuScopes.ReadProtected => ("your apps and their resources, config vars included, without changing them.",
                "it can see your apps and their config vars but cannot change them"),
            HerokuScopes.Write => ("your apps and their resources (not their config vars), which it could also change.",
                "it can see and change your apps, but not their config vars"),
            HerokuScopes.Read => ("your apps and their resources (not their config vars), without changing them.",
                "it can see your apps but cannot change them"),
            _ => (null, "it cannot see or change your apps"),
        };

        if (apps is not null)
        {
            sees.Add(apps);
        }

        // The list reads as one sentence: the last item ends it.
        if (sees.Count > 0 && sees[^1].EndsWith(';'))
        {
            sees[^1] = sees[^1][..^1] + ".";
        }

        return new ScopeDescription(string.Join(' ', granted.OrderBy(s => s, StringComparer.Ordinal)), granted.Count > 1, sees, consequence);
    }

    /// <summary>Whether the app can only read (no <c>write</c>, <c>write-protected</c> or <c>global</c>).</summary>
    public bool ReadOnly => !HerokuScopes.Allows(HerokuScopes.Parse(Scopes), HerokuScopes.Write);
}
