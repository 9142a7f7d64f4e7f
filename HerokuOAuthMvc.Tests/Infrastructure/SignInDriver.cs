using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>Walks an <see cref="HttpClient"/> through the sign-in flow the way a browser would, against <see cref="FakeHeroku"/>.</summary>
public static partial class SignInDriver
{
    /// <summary>Reads the antiforgery token from the form a page renders.</summary>
    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string path = "/")
    {
        var html = await client.GetStringAsync(path);
        return AntiforgeryToken().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{path} rendered no antiforgery token.");
    }

    /// <summary>Presses a button on <paramref name="page"/>: posts to <paramref name="path"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string page = "/user")
    {
        var token = await GetAntiforgeryTokenAsync(client, page);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Presses Sign in with Heroku and returns the URL the app sent the browser to.</summary>
    public static async Task<Uri> StartSignInAsync(HttpClient client, string? returnUrl = null)
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await GetAntiforgeryTokenAsync(client) };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        using var response = await client.PostAsync("/auth/heroku", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(client.BaseAddress!, response.Headers.Location!);
    }

    /// <summary>Plays Heroku's part after consent: back to the callback with the code and the state.</summary>
    public static async Task<HttpResponseMessage> CompleteCallbackAsync(HttpClient client, Uri authorizeUrl, string code = FakeHeroku.Code)
    {
        var state = QueryHelpers.ParseQuery(authorizeUrl.Query)["state"].ToString();
        return await client.GetAsync($"/auth/heroku/callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
    }

    /// <summary>Signs in through the whole flow and returns where the app landed the browser.</summary>
    public static async Task<Uri> SignInAsync(HttpClient client, string? returnUrl = null)
    {
        var authorize = await StartSignInAsync(client, returnUrl);
        using var callback = await CompleteCallbackAsync(client, authorize);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return callback.Headers.Location!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
