using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>Walks an <see cref="HttpClient"/> through the sign-in flow the way a browser would, against <see cref="FakeHeroku"/>.</summary>
public static class SignInDriver
{
    /// <summary>
    /// Presses a button of one of the site's pages: posts <paramref name="form"/> to <paramref name="path"/> the way a
    /// browser submits a form of a page at the client's base address.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = FormPost(client, path, form);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// A form post as a browser sends it from one of the site's own pages: with the <c>Origin</c> and
    /// <c>Sec-Fetch-Site</c> headers browsers add and no page can change.
    /// </summary>
    public static HttpRequestMessage FormPost(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form ?? []) };
        request.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return request;
    }

    /// <summary>Presses Sign in with Heroku and returns the URL the app sent the browser to.</summary>
    public static async Task<Uri> StartSignInAsync(HttpClient client, string? returnUrl = null)
    {
        using var response = await PostFormAsync(client, "/auth/heroku", returnUrl is null ? [] : [new("returnUrl", returnUrl)]);
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
}
