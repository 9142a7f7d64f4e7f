using System.Net;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace HerokuOAuthMvc.Tests.Authentication;

public sealed class HerokuTokenRefresherTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeHeroku _heroku = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeLogger<HerokuTokenRefresher> _logger = new();

    public void Dispose() => _heroku.Dispose();

    private HerokuTokenRefresher CreateRefresher()
    {
        var factory = new Mock<IHttpClientFactory>(MockBehavior.Strict);
        factory.Setup(f => f.CreateClient(HerokuServiceCollectionExtensions.BackchannelClientName))
            .Returns(() => new HttpClient(_heroku, disposeHandler: false));
        var options = Options.Create(new HerokuOptions
        {
            ClientId = FakeHeroku.ClientId,
            ClientSecret = FakeHeroku.ClientSecret,
            TokenEndpoint = FakeHeroku.TokenEndpoint,
        });
        return new HerokuTokenRefresher(factory.Object, options, _time, _logger);
    }

    [Fact]
    public async Task A_refresh_posts_the_refresh_token_grant_with_the_client_secret_to_the_token_endpoint()
    {
        _heroku.WithTokenEndpoint(expiresIn: 28799);

        var result = await CreateRefresher().RefreshAsync(FakeHeroku.RefreshToken);

        var request = Assert.Single(_heroku.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("refresh_token", request.Form["grant_type"]);
        Assert.Equal(FakeHeroku.RefreshToken, request.Form["refresh_token"]);
        Assert.Equal(FakeHeroku.ClientSecret, request.Form["client_secret"]);
        Assert.Equal(TokenRefreshStatus.Refreshed, result.Status);
        Assert.Equal(FakeHeroku.RefreshedAccessToken, result.AccessToken);
        Assert.Equal(Now.AddSeconds(28799), result.ExpiresAt);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Created)]
    public async Task Heroku_documented_201_and_the_usual_200_both_refresh(HttpStatusCode status)
    {
        _heroku.WithTokenEndpoint(refreshStatus: status);

        var result = await CreateRefresher().RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(TokenRefreshStatus.Refreshed, result.Status);
    }

    [Fact]
    public async Task An_answer_without_a_refresh_token_keeps_the_old_one()
    {
        _heroku.WithTokenEndpoint(returnsRefreshToken: false);

        var result = await CreateRefresher().RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(FakeHeroku.RefreshToken, result.RefreshToken);
    }

    [Fact]
    public async Task A_refresh_token_Heroku_does_not_know_is_rejected()
    {
        _heroku.WithTokenEndpoint();

        var result = await CreateRefresher().RefreshAsync("revoked-refresh-token");

        Assert.Equal(TokenRefreshStatus.Rejected, result.Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, TokenRefreshStatus.Rejected)]
    [InlineData(HttpStatusCode.TooManyRequests, TokenRefreshStatus.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, TokenRefreshStatus.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, TokenRefreshStatus.Unavailable)]
    public async Task Heroku_errors_say_whether_the_session_is_over_or_Heroku_is_down(HttpStatusCode status, TokenRefreshStatus expected)
    {
        _heroku.Failing(HttpMethod.Post, FakeHeroku.TokenEndpoint, status);

        var result = await CreateRefresher().RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task A_refused_connection_or_a_body_that_is_not_tokens_means_unavailable()
    {
        _heroku.Refused(HttpMethod.Post, FakeHeroku.TokenEndpoint);
        var refresher = CreateRefresher();
        Assert.Equal(TokenRefreshStatus.Unavailable, (await refresher.RefreshAsync(FakeHeroku.RefreshToken)).Status);

        _heroku.On(HttpMethod.Post, FakeHeroku.TokenEndpoint, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>maintenance</html>") });
        Assert.Equal(TokenRefreshStatus.Unavailable, (await refresher.RefreshAsync(FakeHeroku.RefreshToken)).Status);
    }

    public static TheoryData<string> UnusableTokenAnswers() =>
    [
        "[]",
        """[{"access_token":"HRKU-x","expires_in":28799}]""",
        "{}",
        "null",
        "\"HRKU-x\"",
        "28799",
        """{"access_token":"HRKU-x"}""",
        """{"expires_in":28799}""",
        """{"access_token":null,"expires_in":28799}""",
        """{"access_token":"","expires_in":28799}""",
        """{"access_token":42,"expires_in":28799}""",
        """{"access_token":"HRKU-x","expires_in":"28799"}""",
        """{"access_token":"HRKU-x","expires_in":null}""",
        """{"access_token":"HRKU-x","expires_in":0}""",
        """{"access_token":"HRKU-x","expires_in":-1}""",
        """{"access_token":"HRKU-x","expires_in":28799.5}""",
        """{"access_token":"HRKU-x","expires_in":1e100}""",
        "",
        "<html>maintenance</html>",
        """{"access_token":"HRKU-x",""",
    ];

    [Theory]
    [MemberData(nameof(UnusableTokenAnswers))]
    public async Task A_2xx_that_is_not_a_usable_token_object_is_logged_once_counts_as_unavailable_and_is_not_shared(string body)
    {
        _heroku.On(HttpMethod.Post, FakeHeroku.TokenEndpoint, _ => new HttpResponseMessage(HttpStatusCode.Created)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        });

        await AssertFailsCleanlyAndTheNextRefreshCallsHerokuAgainAsync();
    }

    public static TheoryData<string> ExceptionTypes() =>
    [
        nameof(InvalidOperationException),
        nameof(KeyNotFoundException),
        nameof(FormatException),
        nameof(ObjectDisposedException),
        nameof(TaskCanceledException),
        nameof(HttpRequestException),
    ];

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public async Task An_exception_of_any_type_is_logged_once_counts_as_unavailable_and_is_not_shared(string typeName)
    {
        Exception exception = typeName switch
        {
            nameof(InvalidOperationException) => new InvalidOperationException("boom"),
            nameof(KeyNotFoundException) => new KeyNotFoundException(),
            nameof(FormatException) => new FormatException(),
            nameof(ObjectDisposedException) => new ObjectDisposedException("handler"),
            nameof(TaskCanceledException) => new TaskCanceledException(),
            _ => new HttpRequestException("reset"),
        };
        _heroku.On(HttpMethod.Post, FakeHeroku.TokenEndpoint, _ => throw exception);

        await AssertFailsCleanlyAndTheNextRefreshCallsHerokuAgainAsync(typeName);
    }

    private async Task AssertFailsCleanlyAndTheNextRefreshCallsHerokuAgainAsync(string? loggedExceptionType = null)
    {
        var refresher = CreateRefresher();

        var failed = await refresher.RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(TokenRefreshStatus.Unavailable, failed.Status);
        Assert.Equal(0, refresher.PendingCount);
        var logged = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.DoesNotContain(FakeHeroku.RefreshToken, logged.Message, StringComparison.Ordinal);
        if (loggedExceptionType is not null)
        {
            Assert.Contains(loggedExceptionType, logged.Message, StringComparison.Ordinal);
        }

        _heroku.WithTokenEndpoint();
        var next = await refresher.RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(TokenRefreshStatus.Refreshed, next.Status);
        Assert.Equal(2, _heroku.Requests.Count);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_session_make_one_request()
    {
        var release = new TaskCompletionSource();
        _heroku.OnAsync(HttpMethod.Post, FakeHeroku.TokenEndpoint, async (_, cancellationToken) =>
        {
            await release.Task.WaitAsync(cancellationToken);
            return FakeHeroku.Json(HttpStatusCode.Created, new { access_token = FakeHeroku.RefreshedAccessToken, expires_in = 28799 });
        });
        var refresher = CreateRefresher();

        var refreshes = Enumerable.Range(0, 20).Select(_ => Task.Run(() => refresher.RefreshAsync(FakeHeroku.RefreshToken))).ToArray();
        release.SetResult();
        var results = await Task.WhenAll(refreshes);

        Assert.Single(_heroku.Requests);
        Assert.All(results, r => Assert.Equal(FakeHeroku.RefreshedAccessToken, r.AccessToken));
    }

    [Fact]
    public async Task A_refresh_is_shared_for_a_short_while_and_then_forgotten()
    {
        _heroku.WithTokenEndpoint();
        var refresher = CreateRefresher();

        await refresher.RefreshAsync(FakeHeroku.RefreshToken);
        await refresher.RefreshAsync(FakeHeroku.RefreshToken);
        Assert.Single(_heroku.Requests);
        Assert.Equal(1, refresher.PendingCount);

        _time.Advance(HerokuTokenRefresher.SharedResultLifetime);
        await WaitUntilAsync(() => refresher.PendingCount == 0);

        await refresher.RefreshAsync(FakeHeroku.RefreshToken);
        Assert.Equal(2, _heroku.Requests.Count);
    }

    [Fact]
    public async Task A_refreshed_token_that_is_itself_about_to_expire_is_not_shared()
    {
        _heroku.WithTokenEndpoint(expiresIn: 60);
        var refresher = CreateRefresher();

        await refresher.RefreshAsync(FakeHeroku.RefreshToken);
        await refresher.RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(2, _heroku.Requests.Count);
    }

    [Fact]
    public async Task A_forgotten_session_refreshes_anew()
    {
        _heroku.WithTokenEndpoint();
        var refresher = CreateRefresher();

        await refresher.RefreshAsync(FakeHeroku.RefreshToken);
        refresher.Forget(FakeHeroku.RefreshToken);
        await refresher.RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(2, _heroku.Requests.Count);
    }

    [Fact]
    public async Task A_failed_refresh_is_not_shared_so_the_next_request_tries_again()
    {
        _heroku.Failing(HttpMethod.Post, FakeHeroku.TokenEndpoint, HttpStatusCode.ServiceUnavailable);
        var refresher = CreateRefresher();

        await refresher.RefreshAsync(FakeHeroku.RefreshToken);
        _heroku.WithTokenEndpoint();
        var second = await refresher.RefreshAsync(FakeHeroku.RefreshToken);

        Assert.Equal(TokenRefreshStatus.Refreshed, second.Status);
        Assert.Equal(2, _heroku.Requests.Count);
    }

    [Fact]
    public async Task Different_sign_ins_refresh_separately()
    {
        _heroku.On(HttpMethod.Post, FakeHeroku.TokenEndpoint, _ => FakeHeroku.Json(HttpStatusCode.Created, new { access_token = "HRKU-x", expires_in = 28799 }));
        var refresher = CreateRefresher();

        await Task.WhenAll(refresher.RefreshAsync("refresh-a"), refresher.RefreshAsync("refresh-b"));

        Assert.Equal(2, _heroku.Requests.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
