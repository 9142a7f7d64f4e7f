using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HerokuOAuthMvc.LocalHeroku;
using Microsoft.AspNetCore.WebUtilities;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A strict stand-in for id.heroku.com and api.heroku.com at the HTTP-handler level: it answers only the
/// requests a test set up, records every request, and fails the test on anything else.
/// </summary>
public sealed class FakeHeroku : HttpMessageHandler
{
    public const string IdentityBase = "https://id.heroku.test/";
    public const string AuthorizationEndpoint = IdentityBase + "oauth/authorize";
    public const string TokenEndpoint = IdentityBase + "oauth/token";
    public const string ApiBase = "https://api.heroku.test/";
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "test-client-secret";
    public const string Code = "test-authorization-code";
    public const string AccessToken = "HRKU-test-access-token";
    public const string RefreshedAccessToken = "HRKU-test-refreshed-access-token";
    public const string RefreshToken = "test-refresh-token";
    public const string AuthorizationId = "8f1c2b7e-0000-4d0a-9a51-2f3c8d9e7a10";
    public const string AuthorizationsEndpoint = ApiBase + "oauth/authorizations";
    public const string RevocationEndpoint = ApiBase + "oauth/authorizations/" + AuthorizationId;

    /// <summary>The account's default API key (what <c>heroku login</c> made), which the person's CLI and integrations use.</summary>
    public const string DefaultApiKey = "HRKU-the-accounts-default-api-key";
    public const string DefaultApiKeyId = "0d3f5a1c-0000-4e8b-8c2d-6b7a9e0f1d22";

    /// <summary>Heroku's name for the default API key's authorization: the one address sign-out must never read or delete.</summary>
    public const string DefaultKeyEndpoint = ApiBase + "oauth/authorizations/~";

    public static readonly object DefaultAccount = new
    {
        id = "5b3b8e36-0a0b-4c1d-9e52-8b7a2d1c0f11",
        email = "user@example.com",
        name = "Ada Lovelace",
        verified = true,
        two_factor_authentication = false,
        federated = false,
        created_at = "2015-03-01T10:00:00Z",
        last_login = "2026-11-28T08:15:00Z",
    };

    private readonly ConcurrentDictionary<string, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (HttpMethod Method, PathTemplate Path, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Respond)> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public IReadOnlyCollection<string> UnexpectedRequests => _unexpected;

    /// <summary>The scopes the person granted, as Heroku checks them on each Platform API call (<see cref="OnPlatformApi"/>).</summary>
    public string GrantedScope { get; set; } = "identity";

    /// <summary>
    /// Answers <paramref name="method"/> on <paramref name="url"/> (query ignored): an absolute URL, or a path relative
    /// to the Platform API's root as <see cref="OnPlatformApi"/> takes it (<c>"apps"</c>), where any segment may be a
    /// parameter (<c>"apps/{app}/dynos"</c>: every app; the value is in <see cref="RecordedRequest.Route"/>). A path
    /// taught as it is wins over a template it matches. So do <see cref="Failing"/>, <see cref="Slow"/>,
    /// <see cref="Refused"/>, <see cref="Never"/> and <see cref="CountOf"/>.
    /// </summary>
    public FakeHeroku On(HttpMethod method, string url, Func<RecordedRequest, HttpResponseMessage> respond) =>
        OnAsync(method, url, (request, _) => Task.FromResult(respond(request)));

    /// <summary>Answers <paramref name="method"/> on <paramref name="url"/> asynchronously, e.g. slowly; the token is the request's.</summary>
    public FakeHeroku OnAsync(HttpMethod method, string url, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        if (Template(url) is { } template)
        {
            _templates[$"{method} {template}"] = (method, template, respond);
        }
        else
        {
            _routes[Key(method, Resolve(url))] = respond;
        }

        return this;
    }

    /// <summary>Heroku as it behaves when all is well: the code exchange, refresh, <c>GET /account</c> and revocation.</summary>
    public FakeHeroku WithHappyPath(object? account = null) =>
        WithTokenEndpoint().WithAccount(account ?? DefaultAccount).WithRevocation();

    /// <summary>
    /// The token endpoint: the code gives <see cref="AccessToken"/>, the refresh token <see cref="RefreshedAccessToken"/>
    /// (answered with <paramref name="refreshStatus"/>, Heroku's documented 201 or the usual 200, and with the refresh
    /// token again only when <paramref name="returnsRefreshToken"/>).
    /// </summary>
    public FakeHeroku WithTokenEndpoint(int expiresIn = 28799, HttpStatusCode refreshStatus = HttpStatusCode.OK, bool returnsRefreshToken = true) =>
        On(HttpMethod.Post, TokenEndpoint, request =>
        {
            var form = request.Form;
            var valid = form.GetValueOrDefault("client_secret") == ClientSecret
                && (form.GetValueOrDefault("grant_type"), form.GetValueOrDefault("code"), form.GetValueOrDefault("refresh_token")) switch
                {
                    ("authorization_code", Code, _) => true,
                    ("refresh_token", _, RefreshToken) => true,
                    _ => false,
                };

            if (!valid)
            {
                return Json(HttpStatusCode.BadRequest, new { id = "invalid_grant", message = "Invalid grant." });
            }

            var refreshing = form.GetValueOrDefault("grant_type") == "refresh_token";
            var tokens = new Dictionary<string, object>
            {
                ["access_token"] = refreshing ? RefreshedAccessToken : AccessToken,
                ["expires_in"] = expiresIn,
                ["token_type"] = "Bearer",
                ["user_id"] = "5b3b8e36-0a0b-4c1d-9e52-8b7a2d1c0f11",
                ["session_nonce"] = "nonce",
            };
            if (!refreshing || returnsRefreshToken)
            {
                tokens["refresh_token"] = RefreshToken;
            }

            return Json(refreshing ? refreshStatus : HttpStatusCode.OK, tokens);
        });

    public FakeHeroku WithAccount(object account) =>
        OnPlatformApi(HttpMethod.Get, "account", "identity", _ => Json(HttpStatusCode.OK, account));

    /// <summary>
    /// Teaches the fake a Platform API endpoint in one step: <paramref name="path"/> under the API's root (a nested one
    /// with parameters, <c>"apps/{app}/dynos"</c>, answers for every app) answers with
    /// <paramref name="respond"/> once Heroku's checks pass: the session's bearer token (401 otherwise), the versioned
    /// <c>Accept</c> header (401), and <paramref name="scope"/> within <see cref="GrantedScope"/> (403). A 403 for the
    /// scope is usually a test that forgot to set <see cref="GrantedScope"/>, so it fails the test at disposal with what
    /// was missing, unless the test says it expects it (<see cref="ExpectsScopeRefusals"/>).
    /// </summary>
    public FakeHeroku OnPlatformApi(HttpMethod method, string path, string scope, Func<RecordedRequest, HttpResponseMessage> respond) =>
        On(method, path, request =>
        {
            if (!IsAuthorized(request) || request.Accept != "application/vnd.heroku+json; version=3")
            {
                return Error(HttpStatusCode.Unauthorized);
            }

            if (!Grants(scope))
            {
                if (!ExpectsScopeRefusals)
                {
                    _unexpected.Enqueue(
                        $"{method} {request.Uri.AbsolutePath}: the endpoint needs the {scope} scope, but GrantedScope is \"{GrantedScope}\", so the fake answered 403. Set Heroku.GrantedScope (and Heroku:Scope) in the test, or ExpectsScopeRefusals if the 403 is the point.");
                }

                return Error(HttpStatusCode.Forbidden);
            }

            return respond(request);
        });

    /// <summary>The test means the app to call endpoints its <see cref="GrantedScope"/> does not reach, and to get Heroku's 403.</summary>
    public bool ExpectsScopeRefusals { get; set; }

    /// <summary>
    /// The account's OAuth authorizations as Heroku lists them (a <c>global</c> token only): the default API key (no
    /// client), another app's authorization, and this session's, made through this app's client, whose token is the
    /// one it currently uses; each can be deleted by id. Reading or deleting the default key fails the test.
    /// </summary>
    public FakeHeroku WithRevocation()
    {
        OnPlatformApi(HttpMethod.Get, "oauth/authorizations", "global", request => Json(HttpStatusCode.OK, new object[]
        {
            new { id = DefaultApiKeyId, access_token = new { token = DefaultApiKey }, client = (object?)null, description = "Long-lived user authorization" },
            new { id = "5c6d7e8f-0000-4a1b-9c2d-3e4f5a6b7c8d", access_token = new { token = "HRKU-another-apps-token" }, client = new { id = "another-client-id" } },
            new { id = AuthorizationId, access_token = new { token = request.Authorization!["Bearer ".Length..] }, client = new { id = ClientId } },
        }));
        OnPlatformApi(HttpMethod.Delete, $"oauth/authorizations/{AuthorizationId}", "global", _ => Json(HttpStatusCode.OK, new { id = AuthorizationId }));
        Never(HttpMethod.Get, DefaultKeyEndpoint, "read the default API key's authorization (~)");
        Never(HttpMethod.Delete, DefaultKeyEndpoint, "deleted the default API key (~)");
        Never(HttpMethod.Delete, ApiBase + $"oauth/authorizations/{DefaultApiKeyId}", "deleted the default API key");
        return this;
    }

    /// <summary>A request the app must never make: it is answered as Heroku would, and fails the test.</summary>
    public FakeHeroku Never(HttpMethod method, string url, string what) =>
        On(method, url, _ =>
        {
            _unexpected.Enqueue($"{method} {url}: the app {what}");
            return Json(HttpStatusCode.OK, new { id = DefaultApiKeyId, access_token = new { token = DefaultApiKey } });
        });

    /// <summary>Answers <paramref name="url"/> with Heroku's error body for <paramref name="status"/> (401, 429, 500, 503…).</summary>
    public FakeHeroku Failing(HttpMethod method, string url, HttpStatusCode status) => On(method, url, _ => Error(status));

    /// <summary>
    /// Released once for each request left hanging (<see cref="Slow"/>, <see cref="StallsAfterHeaders"/>,
    /// <see cref="Trickles"/>), as it arrives: a test on a fake clock moves the
    /// clock once Heroku has been asked, never before.
    /// </summary>
    public SemaphoreSlim Hanging { get; } = new(0);

    /// <summary>Never answers <paramref name="url"/>: the request hangs until the app gives up on it.</summary>
    public FakeHeroku Slow(HttpMethod method, string url) =>
        OnAsync(method, url, async (_, cancellationToken) =>
        {
            Hanging.Release();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        });

    /// <summary>Sends <c>200 OK</c> and its headers at once, then never the body: the request hangs until the app gives up on it.</summary>
    public FakeHeroku StallsAfterHeaders(HttpMethod method, string url) => On(method, url, _ => EndlessBody(interval: null));

    /// <summary>Sends <c>200 OK</c> and its headers at once, then a body that never ends, one byte per <paramref name="interval"/>.</summary>
    public FakeHeroku Trickles(HttpMethod method, string url, TimeSpan interval) => On(method, url, _ => EndlessBody(interval));

    /// <summary>Refuses the connection, as a host that is down does.</summary>
    public FakeHeroku Refused(HttpMethod method, string url) =>
        On(method, url, _ => throw new HttpRequestException(
            HttpRequestError.ConnectionError, "Connection refused (api.heroku.test:443)", new SocketException((int)SocketError.ConnectionRefused)));

    /// <summary>How many <paramref name="method"/> requests reached <paramref name="url"/> (absolute, or relative to the Platform API's root).</summary>
    public int CountOf(HttpMethod method, string url) => Template(url) is { } template
        ? _requests.Count(r => r.Method == method && IsPlatformApi(r.Uri) && template.TryMatch(r.Uri.AbsolutePath, out _))
        : _requests.Count(r => r.Method == method && Key(r.Method, r.Uri) == Key(method, Resolve(url)));

    /// <summary>Fails the test if the app sent anything the test did not set up.</summary>
    public void VerifyNoUnexpectedRequests() =>
        Assert.True(_unexpected.IsEmpty, "Unexpected requests to the fake Heroku:\n" + string.Join('\n', _unexpected));

    public static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };

    /// <summary>Heroku's error body, with the error ids its API uses.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status) => Json(status, new
    {
        id = status switch
        {
            HttpStatusCode.BadRequest => "bad_request",
            HttpStatusCode.Unauthorized => "unauthorized",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.NotFound => "not_found",
            HttpStatusCode.UnprocessableEntity => "invalid_params",
            HttpStatusCode.TooManyRequests => "rate_limit",
            HttpStatusCode.ServiceUnavailable => "unavailable",
            _ => "internal_server_error",
        },
        message = $"Heroku answered {(int)status}.",
    });

    private HttpResponseMessage EndlessBody(TimeSpan? interval)
    {
        Hanging.Release();
        var content = new StreamContent(new EndlessStream(interval));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    // Heroku's broader scopes include the narrower ones; identity is in global only. Written out here rather than taken
    // from the app, so the fake checks the app instead of agreeing with it.
    private static readonly Dictionary<string, string[]> Includes = new(StringComparer.Ordinal)
    {
        ["global"] = ["global", "identity", "read", "write", "read-protected", "write-protected"],
        ["write-protected"] = ["write-protected", "read-protected", "write", "read"],
        ["read-protected"] = ["read-protected", "read"],
        ["write"] = ["write", "read"],
        ["read"] = ["read"],
        ["identity"] = ["identity"],
    };

    private bool Grants(string scope) =>
        GrantedScope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(granted => Includes.TryGetValue(granted, out var included) && included.Contains(scope));

    private static bool IsAuthorized(RecordedRequest request) =>
        request.Authorization is $"Bearer {AccessToken}" or $"Bearer {RefreshedAccessToken}";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            string.Join(", ", request.Headers.Accept),
            body);
        _requests.Enqueue(recorded);

        if (_routes.TryGetValue(Key(request.Method, request.RequestUri!), out var respond))
        {
            return await respond(recorded, cancellationToken);
        }

        foreach (var (method, template, respondTo) in _templates.Values)
        {
            if (method == request.Method && IsPlatformApi(recorded.Uri) && template.TryMatch(recorded.Uri.AbsolutePath, out var route))
            {
                return await respondTo(recorded with { Route = route }, cancellationToken);
            }
        }

        _unexpected.Enqueue($"{request.Method} {request.RequestUri}");
        throw new InvalidOperationException($"The fake Heroku does not expect {request.Method} {request.RequestUri}.");
    }

    // Absolute URLs name id.heroku.com or another host; anything else is a Platform API path, with or without its "/".
    private static Uri Resolve(string url) =>
        url.Contains("://", StringComparison.Ordinal) ? new Uri(url) : new Uri(new Uri(ApiBase), url.TrimStart('/'));

    private static string Key(HttpMethod method, Uri uri) => $"{method} {uri.GetLeftPart(UriPartial.Path)}";

    // A Platform API path with a "{parameter}" is a template, matched as the stand-in matches its own table.
    private static PathTemplate? Template(string url) =>
        !url.Contains('{', StringComparison.Ordinal) ? null
            : url.Contains("://", StringComparison.Ordinal) && !url.StartsWith(ApiBase, StringComparison.Ordinal)
                ? throw new ArgumentException($"A path with parameters is a Platform API path (\"apps/{{app}}/dynos\"), not {url}.", nameof(url))
                : new PathTemplate(url.StartsWith(ApiBase, StringComparison.Ordinal) ? url[ApiBase.Length..] : url);

    private static bool IsPlatformApi(Uri uri) => uri.GetLeftPart(UriPartial.Authority) + "/" == ApiBase;
}

/// <summary>A body of JSON whitespace that never ends: one byte per interval, or nothing at all; it stops only when cancelled.</summary>
internal sealed class EndlessStream(TimeSpan? interval) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(interval ?? Timeout.InfiniteTimeSpan, cancellationToken);
        buffer.Span[0] = (byte)' ';
        return 1;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read it asynchronously, with a token.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string Accept, string Body)
{
    /// <summary>The parameters' values when the request matched a path with parameters: <c>["app"]</c> for <c>apps/{app}/dynos</c>.</summary>
    public IReadOnlyDictionary<string, string> Route { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public Dictionary<string, string> Form =>
        QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
