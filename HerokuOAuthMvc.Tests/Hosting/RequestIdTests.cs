using HerokuOAuthMvc.Hosting;

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class RequestIdTests
{
    [Theory]
    [InlineData("f9b2c3a4-5d6e-4f70-8a1b-2c3d4e5f6a7b")]
    [InlineData("client-id_2026.11.29:0001+retry/2=")]
    public void The_routers_UUIDs_and_clients_own_ids_are_used(string requestId) =>
        Assert.True(RequestIdExtensions.IsWellFormed(requestId));

    [Theory]
    [InlineData("")]
    [InlineData("abc\ninfo: forged log line")]
    [InlineData("abc\n")]
    [InlineData("id with spaces")]
    [InlineData("<script>")]
    [InlineData("naïve")]
    public void Ids_that_could_forge_a_log_line_or_markup_are_ignored(string requestId) =>
        Assert.False(RequestIdExtensions.IsWellFormed(requestId));

    [Fact]
    public void Ids_longer_than_200_characters_are_ignored()
    {
        Assert.True(RequestIdExtensions.IsWellFormed(new string('a', 200)));
        Assert.False(RequestIdExtensions.IsWellFormed(new string('a', 201)));
    }
}
