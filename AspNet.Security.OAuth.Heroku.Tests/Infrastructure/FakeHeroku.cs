using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AspNet.Security.OAuth.Heroku.Infrastructure;

/// <summary>
/// id.heroku.com's token endpoint and the Platform API's <c>GET /account</c> as the handler's back channel: answers in
/// the shape Heroku documents, every request recorded, and anything else refused so that a stray call fails the test.
/// </summary>
public sealed class FakeHeroku : HttpMessageHandler
{
    /// <summary>Heroku's account, as <c>GET /account</c> answers it (heroku/platform-api, schema.json, "account").</summary>
    public const string DefaultAccount = """
        {
          "id": "01234567-89ab-cdef-0123-456789abcdef",
          "email": "ada@example.com",
          "name": "Ada Lovelace",
          "verified": true,
          "two_factor_authentication": true,
          "federated": false,
          "created_at": "2015-03-01T12:00:00Z",
          "last_login": "2026-11-28T09:30:00Z",
          "allow_tracking": true,
          "beta": false,
          "default_organization": null,
          "default_team": null,
          "identity_provider": null,
          "sms_number": null,
          "suspended_at": null,
          "delinquent_at": null,
          "updated_at": "2026-11-28T09:30:00Z"
        }
        """;

    /// <summary>The access token the token endpoint hands out; Heroku's start with <c>HRKU-</c>.</summary>
    public const string AccessToken = "HRKU-00000000-0000-0000-0000-000000000001";

    private const string DefaultTokens = $$"""
        {
          "access_token": "{{AccessToken}}",
          "expires_in": 28799,
          "refresh_token": "00000000-0000-0000-0000-000000000002",
          "token_type": "Bearer",
          "user_id": "01234567-89ab-cdef-0123-456789abcdef",
          "session_nonce": "2bf3ec81"
        }
        """;

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>What the token endpoint answers to the code exchange.</summary>
    public (HttpStatusCode Status, string Json) Tokens { get; set; } = (HttpStatusCode.OK, DefaultTokens);

    /// <summary>What <c>GET /account</c> answers.</summary>
    public (HttpStatusCode Status, string Json) Account { get; set; } = (HttpStatusCode.OK, DefaultAccount);

    /// <summary>Every request the handler sent, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Accept.ToString(), request.Headers.Authorization, body));

        var (status, json) = (request.Method.Method, request.RequestUri!.AbsoluteUri) switch
        {
            ("POST", var uri) when uri == HerokuAuthenticationDefaults.TokenEndpoint => Tokens,
            ("GET", var uri) when uri == HerokuAuthenticationDefaults.UserInformationEndpoint => Account,
            _ => throw new InvalidOperationException($"Heroku was not expected to be called with {request.Method} {request.RequestUri}."),
        };

        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    /// <summary>One request to Heroku, as the handler sent it.</summary>
    public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string Accept, AuthenticationHeaderValue? Authorization, string Body);
}
