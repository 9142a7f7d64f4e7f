using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using HerokuOAuthMvc.Heroku;
using Microsoft.Extensions.Http;

namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>
/// Answers the server-to-server half of the stand-in (the token endpoint and the Platform API) in-process, as the
/// primary handler of the clients that talk to Heroku only, so nothing leaves the machine in local mode.
/// </summary>
internal sealed partial class LocalHerokuBackchannelHandler : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("http://local-heroku.invalid/");

    /// <summary>Where a developer adds an endpoint: named in the stand-in's 404 and its log line.</summary>
    internal const string EndpointTable = "LocalHeroku/LocalHerokuBackchannelHandler.cs";

    private readonly LocalHerokuIssuer _issuer;
    private readonly ILogger<LocalHerokuBackchannelHandler> _logger;
    private readonly PlatformEndpoint[] _platformApi;

    public LocalHerokuBackchannelHandler(LocalHerokuIssuer issuer, ILogger<LocalHerokuBackchannelHandler> logger)
    {
        _issuer = issuer;
        _logger = logger;

        // The Platform API as the stand-in serves it, one line per endpoint: the method, the path ("{id}" stands for a
        // last segment), the scope Heroku requires for it, and the answer, sample data inline. The token and scope
        // checks come with it. A page of your own that calls a new endpoint needs one line here to work in `dotnet run`.
        _platformApi =
        [
            new(HttpMethod.Get, "/account", HerokuScopes.Identity, _ => Json(HttpStatusCode.OK, issuer.Account)),
#if (appsPage)
            new(HttpMethod.Get, "/apps", HerokuScopes.Read, _ => Json(HttpStatusCode.OK, new HerokuAppSummary[]
            {
                new("sample-api", new Uri("https://sample-api-0123456789ab.herokuapp.com/"), new DateTimeOffset(2026, 11, 27, 16, 42, 0, TimeSpan.Zero)),
                new("sample-worker", null, new DateTimeOffset(2026, 10, 3, 11, 5, 0, TimeSpan.Zero)),
                new("sample-web", new Uri("https://sample-web-0123456789ab.herokuapp.com/"), new DateTimeOffset(2026, 11, 29, 9, 12, 0, TimeSpan.Zero)),
            })),
#endif
            new(HttpMethod.Get, "/oauth/authorizations", HerokuScopes.Global, _ => Json(HttpStatusCode.OK, issuer.Authorizations())),
            new(HttpMethod.Delete, "/oauth/authorizations/{id}", HerokuScopes.Global, id => issuer.Revoke(id!)
                ? Json(HttpStatusCode.OK, new { id })
                : Error(HttpStatusCode.NotFound, "not_found", "Couldn't find that authorization.")),
        ];
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;

        if (request.Method == HttpMethod.Post && path == "/oauth/token")
        {
            return await TokenAsync(request, cancellationToken);
        }

        foreach (var endpoint in _platformApi)
        {
            if (endpoint.Matches(request, path, out var id))
            {
                var grant = _issuer.Grant(request.Headers.Authorization?.Parameter);
                return grant is null ? Error(HttpStatusCode.Unauthorized, "unauthorized", "Invalid credentials provided.")
                    : !HerokuScopes.Allows(HerokuScopes.Parse(grant.Scope), endpoint.Scope)
                        ? Error(HttpStatusCode.Forbidden, "forbidden", $"This request needs the {endpoint.Scope} scope.")
                        : endpoint.Answer(id);
            }
        }

        // Heroku answers an unknown path with 404 not_found too; here it is almost always an endpoint the developer has
        // just started calling, so the answer and the log say where to teach it.
        Log.UnknownEndpoint(_logger, request.Method.Method, path, EndpointTable);
        return Error(HttpStatusCode.NotFound, "not_found",
            $"The local Heroku stand-in does not serve {request.Method} {path}. Add one line for it to the Platform API table in {EndpointTable} (README, \"Extending the app\").");
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        if (form.GetValueOrDefault("client_secret") != LocalHerokuIssuer.ClientSecret)
        {
            return Error(HttpStatusCode.Unauthorized, "unauthorized", "Invalid client secret.");
        }

        var tokens = form.GetValueOrDefault("grant_type") switch
        {
            "authorization_code" => _issuer.RedeemCode(form.GetValueOrDefault("code")),
            "refresh_token" => _issuer.Refresh(form.GetValueOrDefault("refresh_token")),
            _ => null,
        };

        return tokens is null
            ? Error(HttpStatusCode.BadRequest, "invalid_grant", "The code or refresh token is invalid or expired.")
            : Json(HttpStatusCode.OK, new TokenResponse(tokens.AccessToken, tokens.ExpiresIn, tokens.RefreshToken, "Bearer", tokens.UserId));
    }

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T body) =>
        new(status) { Content = JsonContent.Create(body) };

    private static HttpResponseMessage Error(HttpStatusCode status, string id, string message) =>
        Json(status, new HerokuError(id, message));

    private sealed record PlatformEndpoint(HttpMethod Method, string Path, string Scope, Func<string?, HttpResponseMessage> Answer)
    {
        private const string IdSegment = "{id}";

        public bool Matches(HttpRequestMessage request, string path, out string? id)
        {
            id = null;
            if (request.Method != Method)
            {
                return false;
            }

            if (!Path.EndsWith(IdSegment, StringComparison.Ordinal))
            {
                return path == Path;
            }

            var prefix = Path[..^IdSegment.Length];
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.Length == prefix.Length || path.IndexOf('/', prefix.Length) >= 0)
            {
                return false;
            }

            id = Uri.UnescapeDataString(path[prefix.Length..]);
            return true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning,
            "The local Heroku stand-in does not serve {Method} {Path}, so it answered 404: add one line for it to the Platform API table in {EndpointTable} (README, \"Extending the app\").")]
        internal static partial void UnknownEndpoint(ILogger logger, string method, string path, string endpointTable);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("user_id")] string UserId);
}

/// <summary>Makes the stand-in the primary handler of the clients that talk to Heroku, and of no other client.</summary>
internal sealed class LocalHerokuHandlerFilter(IEnumerable<HerokuHttpClient> herokuClients, LocalHerokuBackchannelHandler standIn)
    : IHttpMessageHandlerBuilderFilter
{
    private readonly HashSet<string> _names = herokuClients.Select(client => client.Name).ToHashSet(StringComparer.Ordinal);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is { } name && _names.Contains(name))
        {
            builder.PrimaryHandler = standIn;
        }
    };
}
