using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.Models;

/// <summary>The greeting page: who the person is on Heroku, as last fetched.</summary>
public sealed record UserViewModel(HerokuAccount Account, NoticeViewModel? Notice = null)
{
    public string Greeting => $"Hello, {Account.DisplayName}";
}
