using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HerokuOAuthMvc.Authentication.Heroku;

/// <summary>Signs people in with their Heroku account (id.heroku.com) and reads it from the Platform API.</summary>
public partial class HerokuAuthenticationHandler(
    IOptionsMonitor<HerokuAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : OAuthHandler<HerokuAuthenticationOptions>(options, logger, encoder)
{
    private static readonly MediaTypeWithQualityHeaderValue ApiMediaType =
        MediaTypeWithQualityHeaderValue.Parse(HerokuAuthenticationDefaults.ApiMediaType);

    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private bool _correlationFailed;

    /// <summary>
    /// The base handler reports a failed callback with message text only; this says which step failed as a
    /// <see cref="HerokuAuthenticationFailureException"/>. Failures the code exchange typed already pass through.
    /// </summary>
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var result = await base.HandleRemoteAuthenticateAsync();
        if (result.Failure is null or HerokuAuthenticationFailureException)
        {
            return result;
        }

        var query = Request.Query;
        HerokuCallbackFailure? failure =
            Options.StateDataFormat.Unprotect(query["state"]) is null ? HerokuCallbackFailure.InvalidState
            : _correlationFailed ? HerokuCallbackFailure.CorrelationFailed
            : !StringValues.IsNullOrEmpty(query["error"]) ? HerokuCallbackFailure.RemoteError
            : StringValues.IsNullOrEmpty(query["code"]) ? HerokuCallbackFailure.MissingCode
            : null;

        return failure is { } step
            ? HandleRequestResult.Fail(new HerokuAuthenticationFailureException(step, result.Failure.Message, innerException: result.Failure), result.Properties)
            : result;
    }

    protected override bool ValidateCorrelationId(AuthenticationProperties properties)
    {
        var valid = base.ValidateCorrelationId(properties);
        _correlationFailed = !valid;
        return valid;
    }

    /// <summary>
    /// The code exchange as the base handler makes it, except that a refusal carries Heroku's status code: a token
    /// endpoint that is down (5xx) or rate limiting (429) is not a rejected code. Connection failures still throw.
    /// </summary>
    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = Options.ClientId,
            ["redirect_uri"] = context.RedirectUri,
            ["client_secret"] = Options.ClientSecret,
            ["code"] = context.Code,
            ["grant_type"] = "authorization_code",
        };
        if (context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey, out var codeVerifier) && codeVerifier is not null)
        {
            parameters[OAuthConstants.CodeVerifierKey] = codeVerifier;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Options.TokenEndpoint) { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Accept.Add(JsonMediaType);

        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            return OAuthTokenResponse.Failed(new HerokuAuthenticationFailureException(
                HerokuCallbackFailure.TokenEndpoint,
                $"Heroku's token endpoint answered {(int)response.StatusCode} to the code exchange.",
                response.StatusCode));
        }

        var tokens = OAuthTokenResponse.Success(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Context.RequestAborted)));
        if (tokens.Error is not { } error)
        {
            return tokens;
        }

        tokens.Dispose();
        return OAuthTokenResponse.Failed(new HerokuAuthenticationFailureException(
            HerokuCallbackFailure.TokenEndpoint, "Heroku's token endpoint answered the code exchange with an error.", response.StatusCode, error));
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(
        ClaimsIdentity identity,
        AuthenticationProperties properties,
        OAuthTokenResponse tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Options.UserInformationEndpoint);
        request.Headers.Accept.Add(ApiMediaType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        using var response = await Backchannel.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            Log.UserProfileError(Logger, (int)response.StatusCode);
            throw new HttpRequestException(
                $"Heroku's account endpoint answered {(int)response.StatusCode} while signing in.",
                inner: null,
                response.StatusCode);
        }

        using var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Context.RequestAborted));

        var principal = new ClaimsPrincipal(identity);
        var context = new OAuthCreatingTicketContext(principal, properties, Context, Scheme, Options, Backchannel, tokens, payload.RootElement);
        context.RunClaimActions();

        await Events.CreatingTicket(context);
        return new AuthenticationTicket(context.Principal!, context.Properties, Scheme.Name);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Heroku's account endpoint answered {Status} while signing in.")]
        internal static partial void UserProfileError(ILogger logger, int status);
    }
}
