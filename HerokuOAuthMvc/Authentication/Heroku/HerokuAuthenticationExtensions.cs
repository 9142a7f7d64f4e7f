using HerokuOAuthMvc.Authentication.Heroku;
using Microsoft.AspNetCore.Authentication;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Heroku authentication handler to an <see cref="AuthenticationBuilder"/>.</summary>
public static class HerokuAuthenticationExtensions
{
    public static AuthenticationBuilder AddHeroku(this AuthenticationBuilder builder)
        => builder.AddHeroku(HerokuAuthenticationDefaults.AuthenticationScheme, _ => { });

    public static AuthenticationBuilder AddHeroku(
        this AuthenticationBuilder builder,
        Action<HerokuAuthenticationOptions> configuration)
        => builder.AddHeroku(HerokuAuthenticationDefaults.AuthenticationScheme, configuration);

    public static AuthenticationBuilder AddHeroku(
        this AuthenticationBuilder builder,
        string scheme,
        Action<HerokuAuthenticationOptions> configuration)
        => builder.AddHeroku(scheme, HerokuAuthenticationDefaults.DisplayName, configuration);

    public static AuthenticationBuilder AddHeroku(
        this AuthenticationBuilder builder,
        string scheme,
        string caption,
        Action<HerokuAuthenticationOptions> configuration)
        => builder.AddOAuth<HerokuAuthenticationOptions, HerokuAuthenticationHandler>(scheme, caption, configuration);
}
