using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The framework's authentication service, with one shortcut: authenticating with a cookie scheme when the request
/// carries no cookie of that scheme's name answers "no result" at once, which is all the cookie handler could answer,
/// without building the handler. A first-time visitor's page view then builds no authentication handler at all. Every
/// caller keeps the framework's contract (the middleware, <c>AuthenticateAsync()</c>, <c>GetTokenAsync</c>).
/// </summary>
internal sealed class VisitorAuthenticationService(
    IAuthenticationSchemeProvider schemes,
    IAuthenticationHandlerProvider handlers,
    IClaimsTransformation transform,
    IOptions<AuthenticationOptions> options,
    IOptionsMonitor<CookieAuthenticationOptions> cookieOptions)
    : AuthenticationService(schemes, handlers, transform, options)
{
    public override async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
    {
        var chosen = scheme is null ? await Schemes.GetDefaultAuthenticateSchemeAsync() : await Schemes.GetSchemeAsync(scheme);

        // The cookie's configured name (outside Development it gets the __Host- prefix); a chunked cookie still sends
        // its first part under that name.
        return chosen is not null
            && typeof(CookieAuthenticationHandler).IsAssignableFrom(chosen.HandlerType)
            && cookieOptions.Get(chosen.Name).Cookie.Name is { } cookieName
            && !context.Request.Cookies.ContainsKey(cookieName)
                ? AuthenticateResult.NoResult()
                : await base.AuthenticateAsync(context, scheme);
    }
}
