using System.Text;
using HerokuOAuthMvc.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class HerokuLogFormatterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData("two words", "\"two words\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("abc\nat=info msg=forged", "\"abc\\u000Aat=info msg=forged\"")]
    [InlineData("cr\rtab\t", "cr\\u000Dtab\\u0009")]
    [InlineData("esc\u001b[31m", "esc\\u001B[31m")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    public void Values_are_escaped_and_quoted_so_they_stay_on_one_line_and_cannot_pass_for_another_key(string value, string written)
    {
        var line = new StringBuilder();
        HerokuLogFormatter.Append(line, "key", value);
        Assert.Equal(" key=" + written, line.ToString());
    }

    [Theory]
    [InlineData("Status", "status")]
    [InlineData("ErrorId", "error_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("address", "address")]
    public void The_messages_value_names_become_snake_case_keys(string name, string key) =>
        Assert.Equal(key, HerokuLogFormatter.SnakeCase(name));

    [Fact]
    public void A_line_has_the_level_the_message_its_values_the_request_id_and_the_source()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var _ = scopes.Push(new[] { new KeyValuePair<string, object?>("HerokuRequestId", "f70b9a06") });
        var writer = new StringWriter();
        var state = new[] { new KeyValuePair<string, object?>("Status", 503), new KeyValuePair<string, object?>("{OriginalFormat}", "Heroku answered {Status}.") };

        new HerokuLogFormatter().Write(
            new LogEntry<KeyValuePair<string, object?>[]>(LogLevel.Warning, "Heroku", default, state, null, (_, _) => "Heroku answered 503."),
            scopes,
            writer);

        Assert.Equal("at=warn msg=\"Heroku answered 503.\" status=503 request_id=f70b9a06 source=Heroku\n", writer.ToString());
    }
}
