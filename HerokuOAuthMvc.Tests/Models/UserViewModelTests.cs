using System.Globalization;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Models;

namespace HerokuOAuthMvc.Tests.Models;

public sealed class UserViewModelTests
{
    private static readonly HerokuAccount Account = new()
    {
        Id = "5b3b8e36-0a0b-4c1d-9e52-8b7a2d1c0f11",
        Email = "developer@example.com",
        CreatedAt = new DateTimeOffset(2020, 1, 15, 9, 30, 0, TimeSpan.Zero),
        LastLogin = new DateTimeOffset(2026, 11, 28, 10, 15, 0, TimeSpan.FromHours(2)),
    };

    [Fact]
    public void A_person_without_a_name_is_greeted_by_email_with_its_first_letter_as_avatar()
    {
        var model = new UserViewModel(Account);

        Assert.Equal("Hello, developer@example.com", model.Greeting);
        Assert.Equal("D", model.Initial);
    }

    [Fact]
    public void A_person_with_a_name_is_greeted_by_name()
    {
        var model = new UserViewModel(Account with { Name = "ada Lovelace" });

        Assert.Equal("Hello, ada Lovelace", model.Greeting);
        Assert.Equal("A", model.Initial);
    }

    [Fact]
    public void Dates_read_in_the_current_culture_and_the_last_login_in_UTC()
    {
        var model = InCulture("en-GB", () => new { Since = new UserViewModel(Account).MemberSince, Last = new UserViewModel(Account).LastLogin });

        Assert.Equal(new DisplayedDate("2020-01-15", "January 2020"), model.Since);
        Assert.Equal("2026-11-28T08:15:00.0000000+00:00", model.Last!.DateTime);
        Assert.Equal("Saturday, 28 November 2026 08:15 UTC", model.Last.Text);
    }

    [Fact]
    public void Dates_Heroku_did_not_send_are_left_out()
    {
        var model = new UserViewModel(Account with { CreatedAt = null, LastLogin = null });

        Assert.Null(model.MemberSince);
        Assert.Null(model.LastLogin);
    }

    private static T InCulture<T>(string name, Func<T> read)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
