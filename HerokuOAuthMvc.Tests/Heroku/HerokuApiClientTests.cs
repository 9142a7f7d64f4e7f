using System.Net;
using HerokuOAuthMvc.Heroku;
using Moq;
using Moq.Protected;

namespace HerokuOAuthMvc.Tests.Heroku;

public sealed class HerokuApiClientTests
{
    private const string AccountJson = """
        {"id":"01234567-89ab-cdef-0123-456789abcdef","email":"ada@example.com","name":null,"verified":true,
         "two_factor_authentication":true,"federated":false,"created_at":"2015-03-01T10:00:00Z","last_login":null,
         "beta":false,"allow_tracking":true}
        """;

    private readonly Mock<HttpMessageHandler> _handler = new(MockBehavior.Strict);

    private HerokuApiClient CreateClient()
    {
        var http = new HttpClient(_handler.Object) { BaseAddress = new Uri("https://api.heroku.test/") };
        http.DefaultRequestHeaders.Accept.Add(System.Net.Http.Headers.MediaTypeWithQualityHeaderValue.Parse("application/vnd.heroku+json; version=3"));
        return new HerokuApiClient(http);
    }

    private void Answer(HttpStatusCode status, string body, Action<HttpRequestMessage>? inspect = null) =>
        _handler.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Callback<HttpRequestMessage, CancellationToken>((request, _) => inspect?.Invoke(request))
            .ReturnsAsync(() => new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });

    [Fact]
    public async Task GetAccount_sends_the_versioned_Accept_header_and_leaves_the_token_to_the_clients_handler()
    {
        HttpRequestMessage? sent = null;
        Answer(HttpStatusCode.OK, AccountJson, request => sent = request);

        await CreateClient().GetAccountAsync();

        Assert.NotNull(sent);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal(new Uri("https://api.heroku.test/account"), sent.RequestUri);
        Assert.Null(sent.Headers.Authorization);
        Assert.Equal("application/vnd.heroku+json; version=3", Assert.Single(sent.Headers.Accept).ToString());
    }

    [Fact]
    public async Task GetAccount_parses_the_account_and_falls_back_to_the_email_for_a_missing_name()
    {
        Answer(HttpStatusCode.OK, AccountJson);

        var account = await CreateClient().GetAccountAsync();

        Assert.Equal("01234567-89ab-cdef-0123-456789abcdef", account.Id);
        Assert.Equal("ada@example.com", account.Email);
        Assert.Null(account.Name);
        Assert.Equal("ada@example.com", account.DisplayName);
        Assert.True(account.Verified);
        Assert.True(account.TwoFactorAuthentication);
        Assert.Equal(new DateTimeOffset(2015, 3, 1, 10, 0, 0, TimeSpan.Zero), account.CreatedAt);
        Assert.Null(account.LastLogin);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limit")]
    [InlineData(HttpStatusCode.Forbidden, "forbidden")]
    public async Task GetAccount_turns_Heroku_errors_into_an_exception_with_the_status_and_error_id(HttpStatusCode status, string id)
    {
        Answer(status, $$"""{"id":"{{id}}","message":"nope"}""");

        var error = await Assert.ThrowsAsync<HerokuApiException>(() => CreateClient().GetAccountAsync());

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(id, error.ErrorId);
        Assert.DoesNotContain("HRKU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccount_copes_with_an_error_body_that_is_not_json()
    {
        Answer(HttpStatusCode.BadGateway, "<html>Bad gateway</html>");

        var error = await Assert.ThrowsAsync<HerokuApiException>(() => CreateClient().GetAccountAsync());

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.ErrorId);
    }
}
