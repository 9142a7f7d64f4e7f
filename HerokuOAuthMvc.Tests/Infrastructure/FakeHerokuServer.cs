using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeHeroku"/> served over real HTTP on 127.0.0.1, for apps running in another process
/// (the published app, the review-app command, a browser following redirects). Its URLs replace Heroku's via
/// <c>Heroku__*</c> settings; every request goes through the fake's strict route table.
/// </summary>
public sealed class FakeHerokuServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHerokuServer(WebApplication app, FakeHeroku heroku, Uri baseAddress)
    {
        _app = app;
        Heroku = heroku;
        BaseAddress = baseAddress;
    }

    public FakeHeroku Heroku { get; }

    /// <summary>The server's root, e.g. http://127.0.0.1:40123/; the fake's hosts map to paths under it.</summary>
    public Uri BaseAddress { get; }

    public string AuthorizationEndpoint => new Uri(BaseAddress, "id/oauth/authorize").AbsoluteUri;

    public string TokenEndpoint => new Uri(BaseAddress, "id/oauth/token").AbsoluteUri;

    public string ApiBaseAddress => new Uri(BaseAddress, "api/").AbsoluteUri;

    /// <summary>The environment variables that point the app at this server instead of Heroku.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Heroku__AuthorizationEndpoint"] = AuthorizationEndpoint,
        ["Heroku__TokenEndpoint"] = TokenEndpoint,
        ["Heroku__ApiBaseAddress"] = ApiBaseAddress,
        ["HEROKU_OAUTH_ID"] = FakeHeroku.ClientId,
        ["HEROKU_OAUTH_SECRET"] = FakeHeroku.ClientSecret,
    };

    public static async Task<FakeHerokuServer> StartAsync(FakeHeroku? heroku = null)
    {
        heroku ??= new FakeHeroku().WithHappyPath();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        var invoker = new HttpMessageInvoker(heroku, disposeHandler: false);
        app.Run(context => ForwardAsync(context, invoker));
        await app.StartAsync();

        var address = app.Urls.First();
        return new FakeHerokuServer(app, heroku, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Consents at once, as if the person pressed Allow on Heroku: the authorize endpoint redirects to the app's
    /// registered callback with the code and the state it was given.
    /// </summary>
    public FakeHerokuServer WithAutoConsent(Uri callback)
    {
        Heroku.On(HttpMethod.Get, FakeHeroku.AuthorizationEndpoint, request =>
        {
            var state = QueryHelpers.ParseQuery(request.Uri.Query)["state"].ToString();
            var response = new HttpResponseMessage(HttpStatusCode.Redirect);
            response.Headers.Location = new Uri(QueryHelpers.AddQueryString(callback.AbsoluteUri, new Dictionary<string, string?>
            {
                ["code"] = FakeHeroku.Code,
                ["state"] = state,
            }));
            return response;
        });
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Heroku.VerifyNoUnexpectedRequests();
    }

    // /id/… is id.heroku.com and /api/… is api.heroku.com, so the fake's routes are the same in and out of process.
    private static async Task ForwardAsync(HttpContext context, HttpMessageInvoker invoker)
    {
        var path = context.Request.Path.Value ?? "/";
        var target = path.StartsWith("/id/", StringComparison.Ordinal)
            ? new Uri(new Uri(FakeHeroku.IdentityBase), path["/id/".Length..] + context.Request.QueryString)
            : path.StartsWith("/api/", StringComparison.Ordinal)
                ? new Uri(new Uri(FakeHeroku.ApiBase), path["/api/".Length..] + context.Request.QueryString)
                : new Uri(new Uri("https://unknown.heroku.test/"), path.TrimStart('/') + context.Request.QueryString);

        using var request = await HttpForwarding.ToRequestMessageAsync(context.Request, target);

        HttpResponseMessage response;
        try
        {
            response = await invoker.SendAsync(request, context.RequestAborted);
        }
        catch (InvalidOperationException)
        {
            // Already recorded as unexpected; answer like an unknown Heroku route.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using (response)
        {
            await HttpForwarding.CopyToAsync(response, context.Response);
        }
    }
}
