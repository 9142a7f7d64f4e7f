namespace HerokuOAuthMvc.Models;

/// <summary>The local stand-in's consent page.</summary>
public sealed record LocalHerokuConsentViewModel(string Email, string Scope, string? State);
