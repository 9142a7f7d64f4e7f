using AspNet.Security.OAuth.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The authentication middleware builds every scheme that can handle requests on every request, to ask it whether the
/// path is its callback: for the Heroku handler that is its options, its logger and its events on each page view.
/// Only <see cref="HerokuSignInExtensions.CallbackPath"/> can be the Heroku handler's answer (it handles nothing else), so
/// elsewhere the Heroku schemes are left out of the question. Other request handlers a forker adds are asked as before.
/// </summary>
internal sealed class CallbackSchemeProvider(IOptions<AuthenticationOptions> options, IHttpContextAccessor httpContextAccessor)
    : AuthenticationSchemeProvider(options)
{
    private static readonly PathString CallbackPath = HerokuSignInExtensions.CallbackPath;

    // The base class hands out the same array until a scheme is added or removed; the filtered one follows it.
    private (IEnumerable<AuthenticationScheme> All, AuthenticationScheme[] AwayFromTheCallback)? _filtered;

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var all = await base.GetRequestHandlerSchemesAsync();

        // PathString compares as RemoteAuthenticationHandler does: ignoring case.
        if (httpContextAccessor.HttpContext is not { } context || context.Request.Path == CallbackPath)
        {
            return all;
        }

        if (_filtered is not { } filtered || !ReferenceEquals(filtered.All, all))
        {
            filtered = (all, [.. all.Where(scheme => !typeof(HerokuAuthenticationHandler).IsAssignableFrom(scheme.HandlerType))]);
            _filtered = filtered;
        }

        return filtered.AwayFromTheCallback;
    }
}
