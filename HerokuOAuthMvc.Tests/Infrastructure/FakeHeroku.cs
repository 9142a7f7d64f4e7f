using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
    public const string RefreshToken = "test-refresh-token";

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

    private readonly ConcurrentDictionary<string, Func<RecordedRequest, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public IReadOnlyCollection<string> UnexpectedRequests => _unexpected;

    /// <summary>Answers <paramref name="method"/> on an absolute <paramref name="url"/> (query ignored).</summary>
    public FakeHeroku On(HttpMethod method, string url, Func<RecordedRequest, HttpResponseMessage> respond)
    {
        _routes[Key(method, new Uri(url))] = respond;
        return this;
    }

    /// <summary>Heroku as it behaves when all is well: the code exchange, refresh, and <c>GET /account</c>.</summary>
    public FakeHeroku WithHappyPath(object? account = null) =>
        WithTokenEndpoint().WithAccount(account ?? DefaultAccount);

    public FakeHeroku WithTokenEndpoint(int expiresIn = 28799) =>
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

            return valid
                ? Json(HttpStatusCode.OK, new
                {
                    access_token = AccessToken,
                    expires_in = expiresIn,
                    refresh_token = RefreshToken,
                    token_type = "Bearer",
                    user_id = "5b3b8e36-0a0b-4c1d-9e52-8b7a2d1c0f11",
                    session_nonce = "nonce",
                })
                : Json(HttpStatusCode.BadRequest, new { id = "invalid_grant", message = "Invalid grant." });
        });

    public FakeHeroku WithAccount(object account) =>
        On(HttpMethod.Get, ApiBase + "account", request =>
            request.Authorization == $"Bearer {AccessToken}" && request.Accept == "application/vnd.heroku+json; version=3"
                ? Json(HttpStatusCode.OK, account)
                : Json(HttpStatusCode.Unauthorized, new { id = "unauthorized", message = "Invalid credentials provided." }));

    public int CountOf(HttpMethod method, string url) =>
        _requests.Count(r => r.Method == method && Key(r.Method, r.Uri) == Key(method, new Uri(url)));

    /// <summary>Fails the test if the app sent anything the test did not set up.</summary>
    public void VerifyNoUnexpectedRequests() =>
        Assert.True(_unexpected.IsEmpty, "Unexpected requests to the fake Heroku:\n" + string.Join('\n', _unexpected));

    public static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };

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
            return respond(recorded);
        }

        _unexpected.Enqueue($"{request.Method} {request.RequestUri}");
        throw new InvalidOperationException($"The fake Heroku does not expect {request.Method} {request.RequestUri}.");
    }

    private static string Key(HttpMethod method, Uri uri) => $"{method} {uri.GetLeftPart(UriPartial.Path)}";
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string Accept, string Body)
{
    public Dictionary<string, string> Form =>
        QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
