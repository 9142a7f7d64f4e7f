using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>
/// Answers the server-to-server half of the stand-in (token endpoint and <c>GET /account</c>) in-process,
/// as the primary handler of every outgoing client, so nothing leaves the machine in local mode.
/// </summary>
internal sealed class LocalHerokuBackchannelHandler(LocalHerokuIssuer issuer) : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("http://local-heroku.invalid/");

    private const string LocalAuthorizationId = "local-authorization";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath;

        if (request.Method == HttpMethod.Post && path == "/oauth/token")
        {
            var form = await ReadFormAsync(request, cancellationToken);
            if (form.GetValueOrDefault("client_secret") != LocalHerokuIssuer.ClientSecret)
            {
                return Error(HttpStatusCode.Unauthorized, "unauthorized", "Invalid client secret.");
            }

            var tokens = form.GetValueOrDefault("grant_type") switch
            {
                "authorization_code" => issuer.RedeemCode(form.GetValueOrDefault("code")),
                "refresh_token" => issuer.Refresh(form.GetValueOrDefault("refresh_token")),
                _ => null,
            };

            return tokens is null
                ? Error(HttpStatusCode.BadRequest, "invalid_grant", "The code or refresh token is invalid or expired.")
                : Json(HttpStatusCode.OK, new TokenResponse(tokens.AccessToken, tokens.ExpiresIn, tokens.RefreshToken, "Bearer", tokens.UserId));
        }

        if (request.Method == HttpMethod.Get && path == "/account")
        {
            return issuer.IsValidAccessToken(request.Headers.Authorization?.Parameter)
                ? Json(HttpStatusCode.OK, issuer.Account)
                : Error(HttpStatusCode.Unauthorized, "unauthorized", "Invalid credentials provided.");
        }

        // Sign-out's revocation: the current authorization, then its deletion (one authorization per token here).
        if (path == "/oauth/authorizations/~" || path == $"/oauth/authorizations/{LocalAuthorizationId}")
        {
            var token = request.Headers.Authorization?.Parameter;
            if (!issuer.IsValidAccessToken(token))
            {
                return Error(HttpStatusCode.Unauthorized, "unauthorized", "Invalid credentials provided.");
            }

            if (request.Method == HttpMethod.Delete)
            {
                issuer.Revoke(token);
            }

            return Json(HttpStatusCode.OK, new HerokuAuthorization(LocalAuthorizationId));
        }

        return Error(HttpStatusCode.NotFound, "not_found", "The local Heroku stand-in does not serve this request.");
    }

    private static async Task<Dictionary<string, string>> ReadFormAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
    }

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T body) =>
        new(status) { Content = JsonContent.Create(body) };

    private static HttpResponseMessage Error(HttpStatusCode status, string id, string message) =>
        Json(status, new HerokuError(id, message));

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("user_id")] string UserId);
}
