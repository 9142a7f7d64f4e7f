namespace HerokuOAuthMvc.Controllers;

/// <summary>
/// A query string value read as MVC's model binding reads a <c>string?</c> parameter (the first value; an empty one is
/// none), for the pages on every visitor's path, where binding's machinery costs more than the page's own work.
/// </summary>
public static class QueryValue
{
    public static string? Of(HttpRequest request, string name) =>
        request.Query[name] is { Count: > 0 } values && values[0] is { Length: > 0 } value ? value : null;
}
