using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Views;

/// <summary>The Sign in with Heroku form, as the pages write it: the same markup the partial view wrote before it.</summary>
public sealed class SignInButtonTagHelperTests : IDisposable
{
    private const string Button = "  <button type=\"submit\" class=\"btn btn-primary btn-lg\">Sign in with Heroku</button>\n</form>\n";

    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_sign_in_page_posts_to_the_sign_in_with_no_return_address_of_its_own()
    {
        var html = await _factory.CreateClient().GetStringAsync("/");

        Assert.Contains("<form method=\"post\" action=\"/auth/heroku\" class=\"m-0\">\n" + Button, html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"returnUrl\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_return_address_rides_in_a_hidden_field_html_encoded()
    {
        var html = await _factory.CreateClient().GetStringAsync("/?returnUrl=%2Fuser%3Fa%3D%22%3E%3C%26");

        Assert.Contains(
            "<form method=\"post\" action=\"/auth/heroku\" class=\"m-0\">\n    <input type=\"hidden\" name=\"returnUrl\" value=\"/user?a=&quot;&gt;&lt;&amp;\">\n" + Button,
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sign_in_offers_the_same_form_again()
    {
        using var response = await _factory.CreateClient().GetAsync("/auth/heroku/failed?reason=denied");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<form method=\"post\" action=\"/auth/heroku\" class=\"m-0\">\n" + Button, html, StringComparison.Ordinal);
    }
}
