using AspNet.Security.OAuth.Heroku;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Extension methods to add Heroku authentication capabilities to an HTTP application pipeline.</summary>
public static class HerokuAuthenticationExtensions
{
    /// <summary>
    /// Adds <see cref="HerokuAuthenticationHandler"/> to the specified <see cref="AuthenticationBuilder"/>, which
    /// enables Heroku authentication capabilities.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <returns>The <see cref="AuthenticationBuilder"/>.</returns>
    public static AuthenticationBuilder AddHeroku(this AuthenticationBuilder builder)
        => builder.AddHeroku(HerokuAuthenticationDefaults.AuthenticationScheme, _ => { });

    /// <summary>
    /// Adds <see cref="HerokuAuthenticationHandler"/> to the specified <see cref="AuthenticationBuilder"/>, which
    /// enables Heroku authentication capabilities.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configuration">The delegate used to configure the Heroku options.</param>
    /// <returns>The <see cref="AuthenticationBuilder"/>.</returns>
    public static AuthenticationBuilder AddHeroku(
        this AuthenticationBuilder builder,
        Action<HerokuAuthenticationOptions> configuration)
        => builder.AddHeroku(HerokuAuthenticationDefaults.AuthenticationScheme, configuration);

    /// <summary>
    /// Adds <see cref="HerokuAuthenticationHandler"/> to the specified <see cref="AuthenticationBuilder"/>, which
    /// enables Heroku authentication capabilities.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="scheme">The authentication scheme associated with this instance.</param>
    /// <param name="configuration">The delegate used to configure the Heroku options.</param>
    /// <returns>The <see cref="AuthenticationBuilder"/>.</returns>
    public static AuthenticationBuilder AddHeroku(
        this AuthenticationBuilder builder,
        string scheme,
        Action<HerokuAuthenticationOptions> configuration)
        => builder.AddHeroku(scheme, HerokuAuthenticationDefaults.DisplayName, configuration);

    /// <summary>
    /// Adds <see cref="HerokuAuthenticationHandler"/> to the specified <see cref="AuthenticationBuilder"/>, which
    /// enables Heroku authentication capabilities.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="scheme">The authentication scheme associated with this instance.</param>
    /// <param name="caption">The optional display name associated with this instance.</param>
    /// <param name="configuration">The delegate used to configure the Heroku options.</param>
    /// <returns>The <see cref="AuthenticationBuilder"/>.</returns>
    public static AuthenticationBuilder AddHeroku(
        this AuthenticationBuilder builder,
        string scheme,
        string caption,
        Action<HerokuAuthenticationOptions> configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddOAuth<HerokuAuthenticationOptions, HerokuAuthenticationHandler>(scheme, caption, configuration);
    }
}
