using AspNet.Security.OAuth.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The schemes the authentication middleware asks, on every request, whether the path is their callback, cut to those
/// that can say yes: that question builds the Heroku handler (its options, logger and events) on each page view, and a
/// Heroku handler handles nothing but its own <c>CallbackPath</c>. So a Heroku scheme is left out of the question
/// except at its callback path (each scheme's own, a forker's second Heroku scheme included); request handlers of other
/// kinds are asked as before. Everything else about schemes is the framework's.
/// </summary>
internal sealed class RequestSchemeProvider(
    IOptions<AuthenticationOptions> options,
    IOptionsMonitor<HerokuAuthenticationOptions> herokuOptions,
    IHttpContextAccessor httpContextAccessor)
    : AuthenticationSchemeProvider(options)
{
    // The base class hands out the same array until a scheme is added or removed; what is worked out from it follows
    // it. One object, so a request never sees one array's filter paired with another array.
    private Filtered? _filtered;

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var all = await base.GetRequestHandlerSchemesAsync();
        if (httpContextAccessor.HttpContext is not { } context)
        {
            return all;
        }

        if (_filtered is not { } filtered || !ReferenceEquals(filtered.All, all))
        {
            var callbacks = all.Where(IsHeroku).ToDictionary(scheme => scheme, CallbackPathOf);
            filtered = new Filtered(
                all,
                [.. all.Where(scheme => !callbacks.TryGetValue(scheme, out var callback) || callback is null)],
                [.. callbacks.Values.OfType<PathString>()]);
            _filtered = filtered;
        }

        // PathString's equality ignores case, as RemoteAuthenticationHandler's check of its path does.
        return filtered.CallbackPaths.Contains(context.Request.Path) ? all : filtered.AwayFromTheCallbacks;
    }

    private static bool IsHeroku(AuthenticationScheme scheme) => typeof(HerokuAuthenticationHandler).IsAssignableFrom(scheme.HandlerType);

    // A scheme whose options do not validate (no client yet) stays in the question everywhere, as the framework has it:
    // its handler then reports the problem where it is built, as it would without this provider.
    private PathString? CallbackPathOf(AuthenticationScheme scheme)
    {
        try
        {
            return herokuOptions.Get(scheme.Name).CallbackPath;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private sealed record Filtered(IEnumerable<AuthenticationScheme> All, AuthenticationScheme[] AwayFromTheCallbacks, PathString[] CallbackPaths);
}
