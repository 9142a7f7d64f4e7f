using System.Globalization;
using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.Models;

/// <summary>The greeting page: who the person is on Heroku, as last fetched, with dates in the visitor's culture.</summary>
public sealed record UserViewModel(HerokuAccount Account, NoticeViewModel? Notice = null)
{
    public string Greeting => $"Hello, {Account.DisplayName}";

    /// <summary>The first letter of the name (or email) for the avatar.</summary>
    public string Initial => new StringInfo(Account.DisplayName).SubstringByTextElements(0, 1).ToUpper(CultureInfo.CurrentCulture);

    /// <summary>Month and year, as people say "member since": "January 2020", "Januar 2020".</summary>
    public DisplayedDate? MemberSince => Account.CreatedAt is { } created
        ? new DisplayedDate(created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), created.ToString("Y", CultureInfo.CurrentCulture))
        : null;

    public DisplayedDate? LastLogin => DisplayedDate.InUtc(Account.LastLogin);
}

/// <summary>A date for a <c>&lt;time&gt;</c> element: machine-readable for its <c>datetime</c>, and as the visitor reads it.</summary>
public sealed record DisplayedDate(string DateTime, string Text)
{
    /// <summary>The full date and time in UTC, in the visitor's culture, said so: the server cannot know the visitor's time zone.</summary>
    public static DisplayedDate? InUtc(DateTimeOffset? value) => value?.ToUniversalTime() is { } utc
        ? new DisplayedDate(utc.ToString("O", CultureInfo.InvariantCulture), $"{utc.ToString("f", CultureInfo.CurrentCulture)} UTC")
        : null;
}
