using HerokuOAuthMvc.Controllers;
using Microsoft.AspNetCore.Http;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>The pages read their query values as model binding read them before.</summary>
public sealed class QueryValueTests
{
    [Theory]
    [InlineData("?returnUrl=%2Fuser", "/user")]
    [InlineData("?returnUrl=%2Fapps&returnUrl=%2Fuser", "/apps")]
    [InlineData("?RETURNURL=%2Fuser", "/user")]
    [InlineData("?returnUrl=", null)]
    [InlineData("?returnUrl", null)]
    [InlineData("?notice=signed-out", null)]
    [InlineData("", null)]
    public void A_value_is_the_first_one_given_and_an_empty_one_is_none(string query, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);

        Assert.Equal(expected, QueryValue.Of(context.Request, "returnUrl"));
    }
}
