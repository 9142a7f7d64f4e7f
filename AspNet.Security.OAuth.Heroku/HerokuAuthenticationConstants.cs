namespace AspNet.Security.OAuth.Heroku;

/// <summary>Contains constants specific to the <see cref="HerokuAuthenticationHandler"/>.</summary>
public static class HerokuAuthenticationConstants
{
    /// <summary>
    /// The Platform API media type, sent as <c>Accept</c> on <c>GET /account</c>. Without an explicit version the API
    /// answers <c>406 Not Acceptable</c>.
    /// </summary>
    public const string ApiMediaType = "application/vnd.heroku+json; version=3";

    /// <summary>The <c>error</c> Heroku sends back to the callback when the person declines consent.</summary>
    public const string AccessDeniedError = "access_denied";

    /// <summary>The types of the Heroku-specific claims the handler adds beside the name identifier, email and name.</summary>
    public static class Claims
    {
        /// <summary>Whether Heroku has verified the account (<c>verified</c>, a boolean).</summary>
        public const string Verified = "urn:heroku:verified";

        /// <summary>Whether the account signs in with two factors (<c>two_factor_authentication</c>, a boolean).</summary>
        public const string TwoFactorAuthentication = "urn:heroku:two_factor_authentication";

        /// <summary>Whether the account signs in through an identity provider (<c>federated</c>, a boolean).</summary>
        public const string Federated = "urn:heroku:federated";

        /// <summary>When the account was created (<c>created_at</c>, a date and time).</summary>
        public const string CreatedAt = "urn:heroku:created_at";

        /// <summary>When the account last signed in to Heroku (<c>last_login</c>, a date and time).</summary>
        public const string LastLogin = "urn:heroku:last_login";
    }

    /// <summary>
    /// Heroku's OAuth scopes (https://devcenter.heroku.com/articles/oauth#scopes). Asking for none grants
    /// <see cref="Global"/>, so the options ask for <see cref="Identity"/> unless told otherwise.
    /// </summary>
    public static class Scopes
    {
        /// <summary>Full access to the account and every app it can reach.</summary>
        public const string Global = "global";

        /// <summary>Read-only access to the account (<c>GET /account</c>): enough to sign in.</summary>
        public const string Identity = "identity";

        /// <summary>Read access to apps and their resources, without config vars or the account.</summary>
        public const string Read = "read";

        /// <summary>Write access to apps and their resources, without config vars or the account.</summary>
        public const string Write = "write";

        /// <summary>Read access to apps and their resources, config vars included.</summary>
        public const string ReadProtected = "read-protected";

        /// <summary>Write access to apps and their resources, config vars included.</summary>
        public const string WriteProtected = "write-protected";
    }
}
