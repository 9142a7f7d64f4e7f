using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using static AspNet.Security.OAuth.Heroku.HerokuAuthenticationConstants;

namespace AspNet.Security.OAuth.Heroku;

/// <summary>
/// Signs people in with their Heroku account (id.heroku.com) and reads it from the Platform API. A failed callback is
/// reported as a <see cref="HerokuAuthenticationFailureException"/> naming the step that failed.
/// </summary>
public partial class HerokuAuthenticationHandler : OAuthHandler<HerokuAuthenticationOptions>
{
    private static readonly MediaTypeWithQualityHeaderValue ApiMediaTypeHeader = MediaTypeWithQualityHeaderValue.Parse(ApiMediaType);

    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private bool _correlationFailed;

    /// <summary>Creates the handler; the authentication builder does so for each request.</summary>
    /// <param name="options">The monitor of the scheme's options.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    public HerokuAuthenticationHandler(
        IOptionsMonitor<HerokuAuthenticationOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    /// <summary>
    /// Handles the callback as the base handler does, with two differences: a declined consent, which Heroku sends
    /// back without <c>state</c>, is an access denial (<see cref="RemoteAuthenticationEvents.OnAccessDenied"/> and
    /// <see cref="RemoteAuthenticationOptions.AccessDeniedPath"/> apply) rather than a forged callback; and every
    /// failure is a <see cref="HerokuAuthenticationFailureException"/> naming the step that failed.
    /// </summary>
    /// <returns>The result of the callback.</returns>
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var query = Request.Query;
        var error = query["error"];

        // The base handler checks state first, so Heroku's state-less denial would otherwise read as a forged link.
        // Nothing is signed in on this path, so there is nothing for a forger to gain.
        if (StringValues.Equals(error, AccessDeniedError) && StringValues.IsNullOrEmpty(query["state"]))
        {
            var properties = new AuthenticationProperties();
            var denied = await HandleAccessDeniedErrorAsync(properties);
            return denied.None
                ? HandleRequestResult.Fail(
                    new HerokuAuthenticationFailureException(
                        HerokuCallbackFailure.AccessDenied, "Access was denied by the resource owner or by the remote server.", error: AccessDeniedError),
                    properties)
                : denied;
        }

        var result = await base.HandleRemoteAuthenticateAsync();
        if (result.Failure is null or HerokuAuthenticationFailureException)
        {
            return result;
        }

        HerokuCallbackFailure? failure =
            StringValues.Equals(error, AccessDeniedError) ? HerokuCallbackFailure.AccessDenied
            : !StringValues.IsNullOrEmpty(error) ? HerokuCallbackFailure.RemoteError
            : Options.StateDataFormat.Unprotect(query["state"]) is null ? HerokuCallbackFailure.InvalidState
            : _correlationFailed ? HerokuCallbackFailure.CorrelationFailed
            : StringValues.IsNullOrEmpty(query["code"]) ? HerokuCallbackFailure.MissingCode
            : null;

        return failure is { } step
            ? HandleRequestResult.Fail(
                new HerokuAuthenticationFailureException(
                    step, result.Failure.Message, error: StringValues.IsNullOrEmpty(error) ? null : error.ToString(), innerException: result.Failure),
                result.Properties)
            : result;
    }

    /// <inheritdoc />
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
    /// <param name="context">The code and redirect URI to exchange.</param>
    /// <returns>Heroku's tokens, or a failure holding a <see cref="HerokuAuthenticationFailureException"/>.</returns>
    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

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

        using var request = new HttpRequestMessage(HttpMethod.Post, Options.TokenEndpoint);
        using var content = new FormUrlEncodedContent(parameters);
        request.Content = content;
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
        if (tokens.Error is not { } tokenError)
        {
            return tokens;
        }

        tokens.Dispose();
        return OAuthTokenResponse.Failed(new HerokuAuthenticationFailureException(
            HerokuCallbackFailure.TokenEndpoint,
            "Heroku's token endpoint answered the code exchange with an error.",
            response.StatusCode,
            tokenError.Data["error"] as string,
            tokenError));
    }

    /// <summary>
    /// Reads the account from <see cref="OAuthOptions.UserInformationEndpoint"/> with the Platform API's versioned
    /// <c>Accept</c> header and runs the claim actions over it.
    /// </summary>
    /// <param name="identity">The identity to add the account's claims to.</param>
    /// <param name="properties">The sign-in's properties.</param>
    /// <param name="tokens">Heroku's tokens; the access token reads the account.</param>
    /// <returns>The ticket for the signed-in account.</returns>
    /// <exception cref="HerokuAuthenticationFailureException">The account endpoint answered an error status.</exception>
    protected override async Task<AuthenticationTicket> CreateTicketAsync(
        ClaimsIdentity identity,
        AuthenticationProperties properties,
        OAuthTokenResponse tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);

        using var request = new HttpRequestMessage(HttpMethod.Get, Options.UserInformationEndpoint);
        request.Headers.Accept.Add(ApiMediaTypeHeader);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        using var response = await Backchannel.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            Log.UserProfileError(Logger, (int)response.StatusCode);
            throw new HerokuAuthenticationFailureException(
                HerokuCallbackFailure.UserInformationEndpoint,
                $"Heroku's account endpoint answered {(int)response.StatusCode} while signing in.",
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
        // The status alone: Heroku's answer may quote the request, and the request carried the access token.
        [LoggerMessage(1, LogLevel.Debug, "Heroku's account endpoint answered {Status} while signing in.")]
        internal static partial void UserProfileError(ILogger logger, int status);
    }
}
