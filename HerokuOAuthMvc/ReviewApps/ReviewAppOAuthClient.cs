using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.ReviewApps;

/// <summary>
/// Creates, repairs and removes the OAuth client of one review app. Its client carries a name made from the app's
/// name, so every run finds the one an earlier run made: running <c>create</c> twice leaves one client, and
/// <c>delete</c> touches no client but that one (a <c>HEROKU_OAUTH_ID</c> inherited from the pipeline could be the
/// parent app's). Progress goes to <c>output</c>; secrets never do.
/// </summary>
public sealed class ReviewAppOAuthClient(HerokuPlatformClient heroku)
{
    public async Task CreateAsync(string appName, TextWriter output, CancellationToken cancellationToken)
    {
        var app = await StepAsync($"look up the app {appName}", () => heroku.GetAppAsync(appName, cancellationToken));
        if (app.WebUrl is not { IsAbsoluteUri: true, Scheme: "https" or "http" } webUrl)
        {
            throw new ReviewAppStepException($"read the web URL of {appName}", new InvalidDataException(
                "Heroku's answer has no web_url, so there is no address to register as the OAuth client's redirect URI. Check that the app has its default herokuapp.com domain, then run the command again."));
        }

        var redirectUri = new Uri(webUrl, HerokuSignInExtensions.CallbackPath);
        var clientName = ReviewAppEnvironment.OAuthClientName(appName);

        var existing = await FindAsync(clientName, cancellationToken);
        if (existing.Count == 0)
        {
            var created = await StepAsync("create the OAuth client", () => heroku.CreateOAuthClientAsync(clientName, redirectUri, cancellationToken));
            await output.WriteLineAsync($"Created the OAuth client \"{clientName}\" ({created.Id}) with the redirect URI {redirectUri}.");
            await SetCredentialsAsync(appName, created, output, cancellationToken);
            return;
        }

        var configVars = await StepAsync($"read the config vars of {appName}", () => heroku.GetConfigVarsAsync(appName, cancellationToken));
        var configuredId = configVars.GetValueOrDefault(HerokuOptions.ClientIdVariable);
        var configuredSecret = configVars.GetValueOrDefault(HerokuOptions.ClientSecretVariable);
        var client = existing.FirstOrDefault(c => c.Id == configuredId) ?? existing[0];
        await output.WriteLineAsync($"Found the OAuth client \"{clientName}\" ({client.Id}).");

        foreach (var duplicate in existing.Where(c => c.Id != client.Id))
        {
            await StepAsync($"delete the duplicate OAuth client {duplicate.Id}", () => heroku.DeleteOAuthClientAsync(duplicate.Id, cancellationToken));
            await output.WriteLineAsync($"Deleted a duplicate OAuth client ({duplicate.Id}).");
        }

        if (client.RedirectUri != redirectUri.AbsoluteUri)
        {
            var current = client;
            client = await StepAsync("correct the redirect URI of the OAuth client",
                () => heroku.UpdateOAuthClientRedirectUriAsync(current.Id, redirectUri, cancellationToken));
            await output.WriteLineAsync($"Corrected its redirect URI to {redirectUri}.");
        }

        var configured = client.Id == configuredId && !string.IsNullOrEmpty(configuredSecret)
            && (client.Secret is null || client.Secret == configuredSecret);
        if (configured)
        {
            await output.WriteLineAsync($"{HerokuOptions.ClientIdVariable} and {HerokuOptions.ClientSecretVariable} already hold this client: nothing to change.");
            return;
        }

        if (string.IsNullOrEmpty(client.Secret))
        {
            // Heroku shows a secret only when it makes one, so the client's secret has to be renewed to be known.
            var current = client;
            client = await StepAsync("rotate the OAuth client's secret", () => heroku.RotateOAuthClientCredentialsAsync(current.Id, cancellationToken));
            await output.WriteLineAsync("Rotated its secret, as Heroku does not show the secret of an existing client.");
        }

        await SetCredentialsAsync(appName, client, output, cancellationToken);
    }

    public async Task DeleteAsync(string appName, TextWriter output, CancellationToken cancellationToken)
    {
        var clientName = ReviewAppEnvironment.OAuthClientName(appName);
        var existing = await FindAsync(clientName, cancellationToken);
        if (existing.Count == 0)
        {
            await output.WriteLineAsync($"There is no OAuth client \"{clientName}\": nothing to delete.");
            return;
        }

        foreach (var client in existing)
        {
            var deleted = await StepAsync($"delete the OAuth client {client.Id}", () => heroku.DeleteOAuthClientAsync(client.Id, cancellationToken));
            await output.WriteLineAsync(deleted
                ? $"Deleted the OAuth client \"{clientName}\" ({client.Id})."
                : $"The OAuth client \"{clientName}\" ({client.Id}) was already gone.");
        }
    }

    private async Task<List<OAuthClient>> FindAsync(string clientName, CancellationToken cancellationToken)
    {
        var clients = await StepAsync("list the OAuth clients", () => heroku.ListOAuthClientsAsync(cancellationToken));
        return clients.Where(c => c.Name == clientName).ToList();
    }

    private async Task SetCredentialsAsync(string appName, OAuthClient client, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(client.Secret))
        {
            throw new ReviewAppStepException("read the OAuth client's secret", new InvalidDataException("Heroku's answer carried no client secret."));
        }

        var credentials = new Dictionary<string, string?>
        {
            [HerokuOptions.ClientIdVariable] = client.Id,
            [HerokuOptions.ClientSecretVariable] = client.Secret,
        };
        await StepAsync($"set the config vars of {appName}", () => heroku.SetConfigVarsAsync(appName, credentials, cancellationToken));
        await output.WriteLineAsync(
            $"Set {HerokuOptions.ClientIdVariable} and {HerokuOptions.ClientSecretVariable} on {appName}: Heroku restarts it, and sign-in works once it is back.");
    }

    private static async Task<T> StepAsync<T>(string step, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (ReviewAppStepException.IsHerokuFailure(e))
        {
            throw new ReviewAppStepException(step, e);
        }
    }
}
