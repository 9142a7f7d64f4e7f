using AspNet.Security.OAuth.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The schemes the authentication middleware runs for a request, cut to those that can have something to do:
/// <list type="bullet">
/// <item>It builds every scheme that can handle requests on every request, to ask whether the path is its callback:
/// for the Heroku handler that is its options, logger and events on each page view. Only
/// <see cref="HerokuSignInExtensions.CallbackPath"/> can get a yes (the handler handles nothing else), so elsewhere the
/// Heroku schemes are left out of the question. Request handlers a forker adds are asked as before.</item>
/// <item>It then authenticates with the default scheme, the session cookie, which for a request without that cookie
/// can only answer "no result": without the cookie there is no default to run. Every explicit
/// <c>AuthenticateAsync(scheme)</c>, challenges and sign-ins are unchanged.</item>
/// </list>
/// </summary>
internal sealed class RequestSchemeProvider(
    IOptions<AuthenticationOptions> options,
    IOptionsMonitor<CookieAuthenticationOptions> cookieOptions,
    IHttpContextAccessor httpContextAccessor)
    : AuthenticationSchemeProvider(options)
{
    private static readonly PathString CallbackPath = HerokuSignInExtensions.CallbackPath;

    // The base class hands out the same array until a scheme is added or removed; the filtered one follows it. One
    // object, so a request never sees one array's filter paired with another array.
    private Filtered? _filtered;

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
            filtered = new Filtered(all, [.. all.Where(scheme => !typeof(HerokuAuthenticationHandler).IsAssignableFrom(scheme.HandlerType))]);
            _filtered = filtered;
        }

        return filtered.AwayFromTheCallback;
    }

    public override async Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync()
    {
        var scheme = await base.GetDefaultAuthenticateSchemeAsync();

        // The cookie's configured name (outside Development it gets the __Host- prefix); a chunked cookie still sends
        // its first part under that name.
        return scheme is not null
            && typeof(CookieAuthenticationHandler).IsAssignableFrom(scheme.HandlerType)
            && httpContextAccessor.HttpContext is { } context
            && cookieOptions.Get(scheme.Name).Cookie.Name is { } cookieName
            && !context.Request.Cookies.ContainsKey(cookieName)
                ? null
                : scheme;
    }

    private sealed record Filtered(IEnumerable<AuthenticationScheme> All, AuthenticationScheme[] AwayFromTheCallback);
}
