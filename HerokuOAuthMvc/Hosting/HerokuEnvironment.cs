namespace HerokuOAuthMvc.Hosting;

/// <summary>The config vars Heroku sets on every dyno, and what they tell the app about where it runs.</summary>
public static class HerokuEnvironment
{
    /// <summary>The dyno's name (<c>web.1</c>); set on every Heroku dyno and nowhere else.</summary>
    public const string DynoVariable = "DYNO";

    /// <summary>The port the router sends requests to; the web process must listen on it within 60 s.</summary>
    public const string PortVariable = "PORT";

    public static bool IsHeroku(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[DynoVariable]);
}
