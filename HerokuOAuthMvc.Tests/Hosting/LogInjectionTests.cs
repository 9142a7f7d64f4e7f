using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// Values from requests and from Heroku reach the logs escaped and bounded, in every line whoever writes it: the
/// app's own lines, ASP.NET Core's and the Heroku handler's. The lines are read from a provider of the test's own, so a
/// new log line that would write such a value raw fails here too.
/// </summary>
public sealed class LogInjectionTests : IDisposable
{
    private const string Forgery = "x\r\ninfo: HerokuOAuthMvc[0] forged\0\u202Egnp.exe\u2028\u200B\u0085\u001B[2J";

    private static readonly string Hostile = Forgery + new string('A', 6_000);

    private readonly HerokuAppFactory _heroku = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly WebApplicationFactory<Program> _factory;

    public LogInjectionTests() =>
        _factory = _heroku.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs)));

    public void Dispose()
    {
        _factory.Dispose();
        _heroku.Dispose();
    }

    [Fact]
    public async Task Hostile_values_from_the_callback_and_from_Heroku_are_logged_escaped_and_bounded_in_every_line()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });
        var hostile = Uri.EscapeDataString(Hostile);

        // The callback, as anyone can send it: Heroku's error fields, a forged state.
        (await client.GetAsync($"/auth/heroku/callback?error=access_denied&error_description={hostile}&error_uri={hostile}")).Dispose();
        (await client.GetAsync($"/auth/heroku/callback?error={hostile}&state={hostile}")).Dispose();
        (await client.GetAsync($"/auth/heroku/callback?code={hostile}&state={hostile}")).Dispose();
        (await client.GetAsync($"/no-such-page/{Uri.EscapeDataString("x\r\nforged\u202E")}?{hostile}")).Dispose();

        // Heroku itself: an error id and message in an API answer, and a refused code exchange's body.
        await SignInDriver.SignInAsync(client);
        _heroku.Heroku.On(HttpMethod.Get, FakeHeroku.ApiBase + "account", _ => FakeHeroku.Json(HttpStatusCode.TooManyRequests, new { id = Hostile, message = Hostile }));
        (await SignInDriver.PostFormAsync(client, "/user/refresh")).Dispose();
        _heroku.Heroku.On(HttpMethod.Post, FakeHeroku.TokenEndpoint, _ => FakeHeroku.Json(HttpStatusCode.BadRequest, new { id = Hostile, message = Hostile }));
        var signIn = await SignInDriver.StartSignInAsync(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") }));
        Assert.NotNull(signIn);

        Assert.Contains(_logs.Lines, line => line.Contains(@"x\u000D\u000Ainfo: HerokuOAuthMvc[0] forged\u0000\u202Egnp.exe\u2028\u200B\u0085\u001B[2J", StringComparison.Ordinal));
        Assert.All(_logs.Lines, line =>
        {
            Assert.True(line.Length <= LogValue.MaxMessageLength + 32, $"A log line of {line.Length} characters: {line[..Math.Min(200, line.Length)]}");
            Assert.False(line.Any(IsUnsafe), $"A log line with a raw control or format character: {LogValue.Escape(line)}");
        });
    }

    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("a\r\nb", @"a\u000D\u000Ab")]
    [InlineData("nul\0", @"nul\u0000")]
    [InlineData("rtl\u202Eexe", @"rtl\u202Eexe")]
    [InlineData("isolate\u2066x\u2069", @"isolate\u2066x\u2069")]
    [InlineData("line\u2028separator", @"line\u2028separator")]
    [InlineData("zero\u200Bwidth\uFEFF", @"zero\u200Bwidth\uFEFF")]
    [InlineData("c1\u0085\u009B", @"c1\u0085\u009B")]
    [InlineData("café 𝔸 ✓", "café 𝔸 ✓")]
    public void A_value_is_logged_with_control_and_format_characters_escaped(string value, string logged) =>
        Assert.Equal(logged, LogValue.Escape(value));

    [Fact]
    public void A_lone_surrogate_is_escaped_and_a_pair_kept() =>
        Assert.Equal(@"lone\uD800 pair 𝔸", LogValue.Escape("lone" + (char)0xD800 + " pair 𝔸"));

    [Fact]
    public void A_long_value_is_cut_and_says_how_much_was_left_out()
    {
        var escaped = LogValue.Escape(new string('a', 10_000));

        Assert.Equal(new string('a', LogValue.MaxLength) + "…(+9744 chars)", escaped);
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) && !char.IsHighSurrogate(c) && !char.IsLowSurrogate(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>Every message, structured value and scope the app logs, as a provider receives them.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue(state.ToString() ?? string.Empty);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lines.Enqueue(formatter(state, exception));
                foreach (var (_, value) in state as IEnumerable<KeyValuePair<string, object?>> ?? [])
                {
                    lines.Enqueue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }
    }
}
