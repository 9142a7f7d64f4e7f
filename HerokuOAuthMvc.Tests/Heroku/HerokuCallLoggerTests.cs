using System.Collections.Concurrent;
using System.Net;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace HerokuOAuthMvc.Tests.Heroku;

public sealed class HerokuCallLoggerTests
{
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limit")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "unavailable")]
    public async Task A_failed_call_logs_one_warning_with_its_status_and_error_id_and_leaves_the_body_to_its_reader(HttpStatusCode status, string errorId)
    {
        var logger = new ListLogger();
        var heroku = new FakeHeroku().Failing(HttpMethod.Get, FakeHeroku.ApiBase + "account", status);
        using var client = new HttpClient(new HerokuCallLogger(logger) { InnerHandler = heroku });

        using var response = await client.GetAsync(FakeHeroku.ApiBase + "account");

        var (level, state) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains(new KeyValuePair<string, object?>("Status", (int)status), state);
        Assert.Contains(new KeyValuePair<string, object?>("ErrorId", errorId), state);
        Assert.Contains(new KeyValuePair<string, object?>("Path", "/account"), state);
        await using var body = await response.Content.ReadAsStreamAsync();
        Assert.Contains($"\"id\":\"{errorId}\"", await new StreamReader(body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successful_call_logs_nothing()
    {
        var logger = new ListLogger();
        var heroku = new FakeHeroku().On(HttpMethod.Get, FakeHeroku.ApiBase + "account", _ => FakeHeroku.Json(HttpStatusCode.OK, FakeHeroku.DefaultAccount));
        using var client = new HttpClient(new HerokuCallLogger(logger) { InnerHandler = heroku });

        using var response = await client.GetAsync(FakeHeroku.ApiBase + "account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task An_answer_that_is_not_Herokus_error_json_is_logged_without_an_error_id()
    {
        var logger = new ListLogger();
        var heroku = new FakeHeroku().On(HttpMethod.Get, FakeHeroku.ApiBase + "account", _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });
        using var client = new HttpClient(new HerokuCallLogger(logger) { InnerHandler = heroku });

        using var response = await client.GetAsync(FakeHeroku.ApiBase + "account");

        var (_, state) = Assert.Single(logger.Entries);
        Assert.Contains(new KeyValuePair<string, object?>("ErrorId", null), state);
        Assert.Equal("<html>bad gateway</html>", await response.Content.ReadAsStringAsync());
    }

    private sealed class ListLogger : ILogger<HerokuCallLogger>
    {
        public ConcurrentQueue<(LogLevel Level, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, [.. (IEnumerable<KeyValuePair<string, object?>>)state!]));
    }
}
