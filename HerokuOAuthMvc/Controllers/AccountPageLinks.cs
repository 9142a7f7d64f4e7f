namespace HerokuOAuthMvc.Controllers;

/// <summary>Lists the action on the account page (<c>/user</c>) as a link with <see cref="Text"/>, while its route exists.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinkedFromAccountPageAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>
/// The pages the account page links to: every GET action marked <see cref="LinkedFromAccountPageAttribute"/> whose
/// route exists, so a new page appears there without editing the account page, and one the scope leaves out does not.
/// </summary>
public sealed class AccountPageLinks(EndpointDataSource endpoints)
{
    private IReadOnlyList<AccountPageLink>? _links;

    public IReadOnlyList<AccountPageLink> All => _links ??= endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.RoutePattern.Parameters.Count == 0)
        .Select(endpoint => (Endpoint: endpoint, Link: endpoint.Metadata.GetMetadata<LinkedFromAccountPageAttribute>()))
        .Where(candidate => candidate.Link is not null)
        .Select(candidate => new AccountPageLink(candidate.Link!.Text, "/" + candidate.Endpoint.RoutePattern.RawText?.TrimStart('/')))
        .OrderBy(link => link.Text, StringComparer.Ordinal)
        .ToList();
}

public sealed record AccountPageLink(string Text, string Path);
