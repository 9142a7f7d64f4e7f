namespace HerokuOAuthMvc.Models;

/// <summary>A friendly page or message: what happened, in plain words, and what to do next.</summary>
public sealed record NoticeViewModel(string Title, string Message, int StatusCode = StatusCodes.Status200OK)
{
    /// <summary>Offer the Sign in with Heroku button as the next step.</summary>
    public bool OfferSignIn { get; init; } = true;

    /// <summary>Bootstrap contextual colour of the notice: info, warning or danger.</summary>
    public string Tone { get; init; } = "warning";

    /// <summary>The request's id, so a person can quote it when asking for help.</summary>
    public string? RequestId { get; init; }
}
