namespace HerokuOAuthMvc.Models;

/// <summary>The home page: the sign-in button, or who is signed in.</summary>
public sealed record SignInViewModel(string? ReturnUrl, string? SignedInAs, NoticeViewModel? Notice = null);
