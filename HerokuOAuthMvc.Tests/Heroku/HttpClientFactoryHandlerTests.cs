using System.Net;
using HerokuOAuthMvc.Heroku;
using Moq;

namespace HerokuOAuthMvc.Tests.Heroku;

public sealed class HttpClientFactoryHandlerTests : IDisposable
{
    private readonly RecordingHandler _heroku = new();
    private readonly Mock<IHttpMessageHandlerFactory> _handlers = new(MockBehavior.Strict);

    public HttpClientFactoryHandlerTests() =>
        _handlers.Setup(f => f.CreateHandler(HerokuServiceCollectionExtensions.BackchannelClientName)).Returns(_heroku);

    public void Dispose() => _heroku.Dispose();

    [Fact]
    public void The_back_channel_builds_no_handlers_before_its_first_request()
    {
        using var backchannel = HerokuServiceCollectionExtensions.CreateBackchannel(_handlers.Object);

        _handlers.Verify(f => f.CreateHandler(It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public async Task The_back_channel_sends_through_the_named_clients_handlers_with_the_apps_user_agent()
    {
        using var backchannel = HerokuServiceCollectionExtensions.CreateBackchannel(_handlers.Object);

        using var response = await backchannel.GetAsync(new Uri("https://api.heroku.com/account"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(_heroku.Requests);
        Assert.Equal("https://api.heroku.com/account", request.Uri);
        Assert.Equal("HerokuOAuthMvc/1.0", request.UserAgent);
    }

    [Fact]
    public async Task Every_request_asks_the_factory_again_so_its_handler_rotation_applies()
    {
        using var backchannel = HerokuServiceCollectionExtensions.CreateBackchannel(_handlers.Object);

        (await backchannel.GetAsync(new Uri("https://api.heroku.com/account"))).Dispose();
        (await backchannel.GetAsync(new Uri("https://api.heroku.com/account"))).Dispose();

        _handlers.Verify(f => f.CreateHandler(HerokuServiceCollectionExtensions.BackchannelClientName), Times.Exactly(2));
        Assert.False(_heroku.Disposed);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Uri, string UserAgent)> Requests { get; } = [];

        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.AbsoluteUri, request.Headers.UserAgent.ToString()));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
