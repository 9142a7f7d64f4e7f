using System.Net.Http.Headers;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Hosting;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.ReviewApps;

/// <summary>
/// <c>HerokuOAuthMvc review-app create|delete</c>: the app's own command, run by app.json's <c>postdeploy</c> and
/// <c>pr-predestroy</c> scripts from the published output, to give a review app its own OAuth client (one client has
/// exactly one redirect URI, so the parent app's cannot serve it). It runs the task and exits; it is not the web server.
/// </summary>
public static class ReviewAppCommand
{
    public const string Name = "review-app";

    /// <summary>Exit codes: 0 and 1, and the BSD sysexits values for the failures a script may want to tell apart.</summary>
    public static class ExitCodes
    {
        public const int Succeeded = 0;
        public const int Failed = 1;
        public const int Usage = 64;
        public const int TryAgainLater = 75;
        public const int NoPermission = 77;
        public const int NotConfigured = 78;
    }

    public static readonly string Help = $"""
        Usage: HerokuOAuthMvc {Name} <create|delete> [--help]

        Gives a Heroku review app its own OAuth client so that people can sign in to it.
        app.json runs it from the published output, e.g.
          cd HerokuOAuthMvc/bin/publish && ./HerokuOAuthMvc {Name} create

        Commands:
          create  Create the OAuth client "{ReviewAppEnvironment.OAuthClientName("<app>")}" with the
                  redirect URI <web_url>auth/heroku/callback and set {HerokuOptions.ClientIdVariable},
                  {HerokuOptions.ClientSecretVariable} and {TrustedHostsExtensions.AllowedHostsVariable} (the web_url's host) on the app
                  (Heroku restarts it). Safe to run again: it
                  reuses the client and changes only what is missing or wrong. Outside a review app
                  without {ReviewAppEnvironment.ApiKeyVariable} it does nothing.
          delete  Delete that OAuth client; succeeds when it is already gone.

        Environment:
          {ReviewAppEnvironment.ApiKeyVariable}          A Platform API key with the global scope, set in the pipeline's
                                  review-app config vars. Create one with
                                  heroku authorizations:create --description "HerokuOAuthMvc review apps" --scope global
          {ReviewAppEnvironment.AppNameVariable}         The review app (Heroku sets it in review apps).
          Heroku__ApiBaseAddress  The Platform API; default https://api.heroku.com/.

        Exit codes: {ExitCodes.Succeeded} done, {ExitCodes.Failed} failed, {ExitCodes.Usage} wrong usage, {ExitCodes.TryAgainLater} Heroku busy or unreachable (try again),
        {ExitCodes.NoPermission} the key was refused, {ExitCodes.NotConfigured} a variable above is missing.
        """;

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command with the process's environment (and appsettings.json beside the app) and console.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return RunAsync(args, configuration, Console.Out, Console.Error);
    }

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var words = args.Skip(1).ToArray();
        if (words is ["--help" or "-h" or "help"] or ["create" or "delete", "--help" or "-h"])
        {
            await output.WriteLineAsync(Help);
            return ExitCodes.Succeeded;
        }

        if (words is not [("create" or "delete") and var verb])
        {
            await error.WriteLineAsync($"{Name}: expected `create` or `delete`, got `{string.Join(' ', words)}`. Run `HerokuOAuthMvc {Name} --help`.");
            return ExitCodes.Usage;
        }

        var prefix = $"{Name} {verb}";
        var apiKey = configuration[ReviewAppEnvironment.ApiKeyVariable];
        var appName = configuration[ReviewAppEnvironment.AppNameVariable];
        if (verb == "create" && !ReviewAppEnvironment.IsReviewApp(configuration))
        {
            // app.json's postdeploy also runs for Heroku Button deploys, which bring their own client: never replace it.
            await output.WriteLineAsync($"{prefix}: not a review app: nothing to do; this app signs in with the client in {HerokuOptions.ClientIdVariable} / {HerokuOptions.ClientSecretVariable}.");
            return ExitCodes.Succeeded;
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            await error.WriteLineAsync($"{prefix}: {ReviewAppEnvironment.ApiKeyVariable} is not set, so this review app gets no OAuth client and nobody can sign in to it. Create a key once with `heroku authorizations:create --description \"HerokuOAuthMvc review apps\" --scope global`, add it as {ReviewAppEnvironment.ApiKeyVariable} to the pipeline's review-app config vars (Dashboard: the pipeline's Settings, Review Apps, config vars), then re-create the review app.");
            return ExitCodes.NotConfigured;
        }

        if (string.IsNullOrWhiteSpace(appName))
        {
            await error.WriteLineAsync($"{prefix}: {ReviewAppEnvironment.AppNameVariable} is not set. Heroku sets it in review apps; elsewhere set it to the name of the app.");
            return ExitCodes.NotConfigured;
        }

        await using var services = BuildServices(configuration, apiKey);
        var clients = services.GetRequiredService<ReviewAppOAuthClient>();
        try
        {
            if (verb == "create")
            {
                await clients.CreateAsync(appName, output, cancellationToken);
            }
            else
            {
                await clients.DeleteAsync(appName, output, cancellationToken);
            }

            return ExitCodes.Succeeded;
        }
        catch (ReviewAppStepException e)
        {
            await error.WriteLineAsync($"{prefix}: could not {e.Step}: {e.Reason}");
            return e.ExitCode;
        }
    }

    private static ServiceProvider BuildServices(IConfiguration configuration, string apiKey)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);

        // The endpoints only: the command creates the OAuth client, so it must not demand one like the web app does.
        services.AddSingleton<IConfigureOptions<HerokuOptions>, HerokuOptionsSetup>();
        services.AddPlatformApiClient<HerokuPlatformClient>(client =>
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey));
        services.AddTransient<ReviewAppOAuthClient>();
        return services.BuildServiceProvider();
    }
}
