namespace HerokuOAuthMvc.Authentication.Heroku;

/// <summary>Names of the Heroku-specific claims the handler adds.</summary>
public static class HerokuAuthenticationConstants
{
    public static class Claims
    {
        public const string Verified = "urn:heroku:verified";
        public const string TwoFactorAuthentication = "urn:heroku:two_factor_authentication";
        public const string Federated = "urn:heroku:federated";
        public const string CreatedAt = "urn:heroku:created_at";
        public const string LastLogin = "urn:heroku:last_login";
    }
}
