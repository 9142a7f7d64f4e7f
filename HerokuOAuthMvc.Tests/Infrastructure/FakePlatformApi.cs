using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The Platform API calls of the review-app command, with state, on a strict <see cref="FakeHeroku"/>: one app with its
/// config vars, and the account's OAuth clients. Requests without the API key or the versioned Accept header get 401.
/// </summary>
public sealed class FakePlatformApi
{
    public const string ApiKey = "HRKU-review-apps-test-api-key";
    public const string AppName = "myapp-pr-42";
    public static readonly Uri WebUrl = new("https://myapp-pr-42-0123456789ab.herokuapp.com/");
    public static readonly string CallbackUrl = new Uri(WebUrl, "auth/heroku/callback").AbsoluteUri;

    private readonly FakeHeroku _heroku;
    private readonly ConcurrentDictionary<string, FakeOAuthClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _secretsIssued = new();
    private readonly Lock _configVarsLock = new();
    private readonly Dictionary<string, string?> _configVars = new(StringComparer.Ordinal);

    public FakePlatformApi(FakeHeroku heroku)
    {
        _heroku = heroku;
        On(HttpMethod.Get, $"apps/{AppName}", _ => FakeHeroku.Json(HttpStatusCode.OK, new { id = "0b1f7c2e-app", name = AppName, web_url = WebUrl.AbsoluteUri }));
        On(HttpMethod.Get, $"apps/{AppName}/config-vars", _ => FakeHeroku.Json(HttpStatusCode.OK, ConfigVars));
        On(HttpMethod.Patch, $"apps/{AppName}/config-vars", request =>
        {
            lock (_configVarsLock)
            {
                foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(request.Body)!)
                {
                    if (value is null)
                    {
                        _configVars.Remove(name);
                    }
                    else
                    {
                        _configVars[name] = value;
                    }
                }
            }

            return FakeHeroku.Json(HttpStatusCode.OK, ConfigVars);
        });
        On(HttpMethod.Get, "oauth/clients", _ => FakeHeroku.Json(HttpStatusCode.OK, _clients.Values.Select(Listed).ToList()));
        On(HttpMethod.Post, "oauth/clients", request =>
        {
            var body = JsonNode.Parse(request.Body)!;
            var client = Add((string)body["name"]!, (string)body["redirect_uri"]!);
            return FakeHeroku.Json(HttpStatusCode.Created, Shown(client));
        });
    }

    /// <summary>Whether <c>GET /oauth/clients</c> shows each client's secret; Heroku's documentation does not say.</summary>
    public bool ListingShowsSecrets { get; set; }

    public IReadOnlyCollection<FakeOAuthClient> Clients => _clients.Values.ToList();

    public IReadOnlyDictionary<string, string?> ConfigVars
    {
        get
        {
            lock (_configVarsLock)
            {
                return new Dictionary<string, string?>(_configVars);
            }
        }
    }

    /// <summary>Every client secret this fake ever handed out, so tests can check none was printed.</summary>
    public IReadOnlyCollection<string> SecretsIssued => _secretsIssued;

    /// <summary>Adds a client, as an earlier run (or a person) would have; it answers under its own URL from then on.</summary>
    public FakeOAuthClient Add(string name, string redirectUri)
    {
        var client = new FakeOAuthClient(Guid.NewGuid().ToString(), name) { RedirectUri = redirectUri, Secret = NewSecret() };
        _clients[client.Id] = client;
        var path = $"oauth/clients/{client.Id}";
        On(HttpMethod.Delete, path, _ => _clients.TryRemove(client.Id, out var _)
            ? FakeHeroku.Json(HttpStatusCode.OK, Listed(client))
            : NotFound());
        On(HttpMethod.Patch, path, request =>
        {
            client.RedirectUri = (string)JsonNode.Parse(request.Body)!["redirect_uri"]!;
            return FakeHeroku.Json(HttpStatusCode.OK, Listed(client));
        });
        On(HttpMethod.Post, path + "/actions/rotate-credentials", _ =>
        {
            client.Secret = NewSecret();
            return FakeHeroku.Json(HttpStatusCode.OK, Shown(client));
        });
        return client;
    }

    public void SetConfigVar(string name, string value)
    {
        lock (_configVarsLock)
        {
            _configVars[name] = value;
        }
    }

    /// <summary>Makes one call answer with Heroku's error body instead.</summary>
    public void Fail(HttpMethod method, string path, HttpStatusCode status, string id, string message) =>
        _heroku.On(method, FakeHeroku.ApiBase + path, _ => FakeHeroku.Json(status, new { id, message }));

    public int CountOf(HttpMethod method, string path) => _heroku.CountOf(method, FakeHeroku.ApiBase + path);

    private static HttpResponseMessage NotFound() =>
        FakeHeroku.Json(HttpStatusCode.NotFound, new { id = "not_found", message = "Couldn't find that OAuth client." });

    private void On(HttpMethod method, string path, Func<RecordedRequest, HttpResponseMessage> respond) =>
        _heroku.On(method, FakeHeroku.ApiBase + path, request =>
            request.Authorization == $"Bearer {ApiKey}" && request.Accept == "application/vnd.heroku+json; version=3"
                ? respond(request)
                : FakeHeroku.Json(HttpStatusCode.Unauthorized, new { id = "unauthorized", message = "Invalid credentials provided." }));

    private string NewSecret()
    {
        var secret = "client-secret-" + Guid.NewGuid().ToString("N");
        _secretsIssued.Enqueue(secret);
        return secret;
    }

    private object Listed(FakeOAuthClient client) => ListingShowsSecrets ? Shown(client) : new { id = client.Id, name = client.Name, redirect_uri = client.RedirectUri };

    private static object Shown(FakeOAuthClient client) =>
        new { id = client.Id, name = client.Name, redirect_uri = client.RedirectUri, secret = client.Secret };
}

public sealed record FakeOAuthClient(string Id, string Name)
{
    public required string RedirectUri { get; set; }

    public required string Secret { get; set; }
}
