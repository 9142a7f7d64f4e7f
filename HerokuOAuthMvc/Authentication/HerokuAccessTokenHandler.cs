using System.Net.Http.Headers;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// Puts the signed-in person's access token on each Platform API request (never on the client's shared default
/// headers), refreshed first when it is about to expire. It runs inside the resilience pipeline, so a retry sends
/// the same token without refreshing again.
/// </summary>
internal sealed class HerokuAccessTokenHandler(
    IHttpContextAccessor httpContextAccessor,
    HerokuTokenRefresher refresher,
    TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = httpContextAccessor.HttpContext
            ?? throw new InvalidOperationException("A Platform API client for the signed-in person can only be used while serving a request.");
        var accessToken = await HerokuSessionTokens.For(context).GetAccessTokenAsync(refresher, timeProvider);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
