using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

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
