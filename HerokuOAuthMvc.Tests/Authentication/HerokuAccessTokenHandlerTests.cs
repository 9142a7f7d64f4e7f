using System.Globalization;
using System.Net;
using System.Security.Claims;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Moq.Protected;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>The handler that gives each Platform API request the signed-in person's token.</summary>
public sealed class HerokuAccessTokenHandlerTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Mock<HttpMessageHandler> _heroku = new();
    private readonly List<HttpRequestMessage> _sent = [];

    public HerokuAccessTokenHandlerTests() =>
        _heroku.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Callback<HttpRequestMessage, CancellationToken>((request, _) => _sent.Add(request))
            .ReturnsAsync(() => new HttpResponseMessage(HttpStatusCode.OK));

    [Fact]
    public async Task Each_request_carries_its_own_sessions_token_and_the_shared_client_carries_none()
    {
        var accessor = new HttpContextAccessor();
        using var client = new HttpClient(Handler(accessor)) { BaseAddress = new Uri("https://api.heroku.test/") };

        foreach (var token in new[] { "HRKU-first-session", "HRKU-second-session" })
        {
            accessor.HttpContext = RequestWithSession(token, expiresIn: TimeSpan.FromHours(8));
            (await client.GetAsync("account")).Dispose();
        }

        Assert.Equal(["Bearer HRKU-first-session", "Bearer HRKU-second-session"], _sent.Select(r => r.Headers.Authorization?.ToString()));
        Assert.Null(client.DefaultRequestHeaders.Authorization);
    }

    [Fact]
    public async Task Without_a_session_no_request_leaves_and_the_call_fails_as_a_401()
    {
        var accessor = new HttpContextAccessor { HttpContext = RequestWithSession(token: null, TimeSpan.Zero) };
        using var client = new HttpClient(Handler(accessor)) { BaseAddress = new Uri("https://api.heroku.test/") };

        var error = await Assert.ThrowsAsync<HerokuApiException>(() => client.GetAsync("account"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Empty(_sent);
    }

    private HerokuAccessTokenHandler Handler(IHttpContextAccessor accessor)
    {
        var refresher = new HerokuTokenRefresher(
            Mock.Of<IHttpClientFactory>(MockBehavior.Strict),
            Options.Create(new HerokuOptions()),
            _time,
            NullLogger<HerokuTokenRefresher>.Instance);
        return new HerokuAccessTokenHandler(accessor, refresher, _time) { InnerHandler = _heroku.Object };
    }

    private DefaultHttpContext RequestWithSession(string? token, TimeSpan expiresIn)
    {
        var authentication = new Mock<IAuthenticationService>();
        var result = token is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("Heroku")), Properties(token, expiresIn), CookieAuthenticationDefaults.AuthenticationScheme));
        authentication.Setup(a => a.AuthenticateAsync(It.IsAny<HttpContext>(), CookieAuthenticationDefaults.AuthenticationScheme)).ReturnsAsync(result);
        return new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(authentication.Object).BuildServiceProvider(),
        };
    }

    private AuthenticationProperties Properties(string token, TimeSpan expiresIn)
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = "access_token", Value = token },
            new AuthenticationToken { Name = "expires_at", Value = (_time.GetUtcNow() + expiresIn).ToString("o", CultureInfo.InvariantCulture) },
        ]);
        return properties;
    }
}
