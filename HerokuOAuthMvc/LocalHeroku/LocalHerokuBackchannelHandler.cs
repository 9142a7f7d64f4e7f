using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Hosting;
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

    /// <summary>The apps the stand-in's Platform API knows: <c>GET /apps</c> lists them, and an <c>{app}</c> in a path must name one.</summary>
    internal static readonly HerokuAppSummary[] SampleApps =
    [
        new("sample-api", new Uri("https://sample-api-0123456789ab.herokuapp.com/"), new DateTimeOffset(2026, 11, 27, 16, 42, 0, TimeSpan.Zero)),
        new("sample-worker", null, new DateTimeOffset(2026, 10, 3, 11, 5, 0, TimeSpan.Zero)),
        new("sample-web", new Uri("https://sample-web-0123456789ab.herokuapp.com/"), new DateTimeOffset(2026, 11, 29, 9, 12, 0, TimeSpan.Zero)),
    ];

    private readonly LocalHerokuIssuer _issuer;
    private readonly ILogger<LocalHerokuBackchannelHandler> _logger;
    private readonly PlatformEndpoint[] _platformApi;
    private readonly Dictionary<string, Func<string, bool>> _samples;

    public LocalHerokuBackchannelHandler(LocalHerokuIssuer issuer, ILogger<LocalHerokuBackchannelHandler> logger)
        : this(issuer, logger, [])
    {
    }

    /// <summary>The stand-in serving <paramref name="added"/> after its own table, as if they were lines added to it.</summary>
    internal LocalHerokuBackchannelHandler(LocalHerokuIssuer issuer, ILogger<LocalHerokuBackchannelHandler> logger, IEnumerable<PlatformEndpoint> added)
    {
        _issuer = issuer;
        _logger = logger;

        // The Platform API as the stand-in serves it, one line per endpoint: the method, the path as Heroku's reference
        // writes it (any segment may be a "{parameter}"), the scope Heroku requires for it, and the answer, sample data
        // inline; the answer gets the parameters' values by name. The token and scope checks come with it. A page of
        // your own that calls a new endpoint needs one line here to work in `dotnet run`.
        _platformApi =
        [
            new(HttpMethod.Get, "/account", HerokuScopes.Identity, _ => Json(HttpStatusCode.OK, issuer.Account)),
#if (appsPage)
            new(HttpMethod.Get, "/apps", HerokuScopes.Read, _ => Json(HttpStatusCode.OK, SampleApps)),
#endif
            new(HttpMethod.Get, "/oauth/authorizations", HerokuScopes.Global, _ => Json(HttpStatusCode.OK, issuer.Authorizations())),
            new(HttpMethod.Delete, "/oauth/authorizations/{authorization}", HerokuScopes.Global, path => issuer.Revoke(path["authorization"])
                ? Json(HttpStatusCode.OK, new { id = path["authorization"] })
                : Error(HttpStatusCode.NotFound, "not_found", "Couldn't find that authorization.")),
            .. added,
        ];

        // What a parameter of that name must name for the stand-in to answer; anything else is Heroku's 404 not_found,
        // as an unknown app is there. A parameter not listed here takes any value.
        _samples = new(StringComparer.Ordinal)
        {
            ["app"] = app => SampleApps.Any(sample => sample.Name == app),
            ["authorization"] = id => issuer.Authorizations().Any(authorization => authorization.Id == id),
        };
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
            if (request.Method != endpoint.Method || !endpoint.Path.TryMatch(path, out var values))
            {
                continue;
            }

            var grant = _issuer.Grant(request.Headers.Authorization?.Parameter);
            if (grant is null)
            {
                return Error(HttpStatusCode.Unauthorized, "unauthorized", "Invalid credentials provided.");
            }

            if (!HerokuScopes.Allows(HerokuScopes.Parse(grant.Scope), endpoint.Scope))
            {
                return Error(HttpStatusCode.Forbidden, "forbidden", $"This request needs the {endpoint.Scope} scope.");
            }

            // Heroku answers a value that names nothing with 404 not_found, as it does an unknown path; the answer and
            // the log say which of the two it is, since the fix differs.
            foreach (var (parameter, value) in values)
            {
                if (_samples.TryGetValue(parameter, out var exists) && !exists(value))
                {
                    var shown = LogValue.Escape(value);
                    Log.UnknownSample(_logger, request.Method.Method, endpoint.Path.Text, parameter, shown, EndpointTable);
                    return Error(HttpStatusCode.NotFound, "not_found",
                        $"Couldn't find that {parameter}. The local Heroku stand-in serves {request.Method} {endpoint.Path}, but has no sample {parameter} \"{shown}\": use one of its samples, or add one in {EndpointTable}.");
                }
            }

            return endpoint.Answer(values);
        }

        // Almost always an endpoint the developer has just started calling, so the answer and the log say where to teach it.
        Log.UnknownEndpoint(_logger, request.Method.Method, path, EndpointTable);
        return Error(HttpStatusCode.NotFound, "not_found",
            $"The local Heroku stand-in does not serve {request.Method} {path}. Add one line for it to the Platform API table in {EndpointTable} (docs/extending.md).");
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

    /// <summary>An answer with <paramref name="body"/> as JSON, for the table's lines.</summary>
    internal static HttpResponseMessage Json<T>(HttpStatusCode status, T body) =>
        new(status) { Content = JsonContent.Create(body) };

    private static HttpResponseMessage Error(HttpStatusCode status, string id, string message) =>
        Json(status, new HerokuError(id, message));

    /// <summary>One line of the Platform API table: <paramref name="Answer"/> gets the path's parameters by name.</summary>
    internal sealed record PlatformEndpoint(HttpMethod Method, PathTemplate Path, string Scope, Func<IReadOnlyDictionary<string, string>, HttpResponseMessage> Answer)
    {
        public PlatformEndpoint(HttpMethod method, string path, string scope, Func<IReadOnlyDictionary<string, string>, HttpResponseMessage> answer)
            : this(method, new PathTemplate(path), scope, answer)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning,
            "The local Heroku stand-in does not serve {Method} {Path}, so it answered 404: add one line for it to the Platform API table in {EndpointTable} (docs/extending.md).")]
        internal static partial void UnknownEndpoint(ILogger logger, string method, string path, string endpointTable);

        [LoggerMessage(41, LogLevel.Warning,
            "The local Heroku stand-in serves {Method} {Path}, but has no sample {Parameter} \"{Value}\", so it answered 404 not_found as Heroku would: use one of its samples, or add one in {EndpointTable}.")]
        internal static partial void UnknownSample(ILogger logger, string method, string path, string parameter, string value, string endpointTable);
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
