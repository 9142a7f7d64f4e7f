namespace HerokuOAuthMvc.Models;

/// <summary>The home page: the sign-in button and what the configured scopes let the app see, or who is signed in.</summary>
public sealed record SignInViewModel(string? ReturnUrl, string? SignedInAs, ScopeDescription Scope, NoticeViewModel? Notice = null);
