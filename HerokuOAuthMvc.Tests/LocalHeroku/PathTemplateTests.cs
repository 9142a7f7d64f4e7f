using HerokuOAuthMvc.LocalHeroku;

namespace HerokuOAuthMvc.Tests.LocalHeroku;

/// <summary>The one way the stand-in and the tests' fake Heroku match a Platform API path with parameters.</summary>
public sealed class PathTemplateTests
{
    [Theory]
    [InlineData("/apps/{app}/dynos", "/apps/sample-web/dynos", "app=sample-web")]
    [InlineData("apps/{app}/dynos", "/apps/sample-web/dynos", "app=sample-web")]
    [InlineData("/apps/{app}/dynos/{dyno}", "/apps/sample-web/dynos/web.1", "app=sample-web|dyno=web.1")]
    [InlineData("/oauth/authorizations/{authorization}", "/oauth/authorizations/8f1c2b7e", "authorization=8f1c2b7e")]
    [InlineData("/apps/{app}/config-vars", "/apps/a%2Fb/config-vars", "app=a/b")]
    [InlineData("/account", "/account", "")]
    public void Any_segment_may_be_a_parameter_and_its_value_comes_unescaped(string template, string path, string expected)
    {
        Assert.True(new PathTemplate(template).TryMatch(path, out var values));

        Assert.Equal(expected, string.Join('|', values.Select(pair => $"{pair.Key}={pair.Value}")));
    }

    [Theory]
    [InlineData("/apps/{app}/dynos", "/apps/dynos")]
    [InlineData("/apps/{app}/dynos", "/apps//dynos")]
    [InlineData("/apps/{app}/dynos", "/apps/sample-web/dynos/web.1")]
    [InlineData("/apps/{app}/dynos", "/apps/sample-web/addons")]
    [InlineData("/apps/{app}", "/apps/sample-web/dynos")]
    [InlineData("/account", "/Account")]
    public void A_path_of_another_shape_does_not_match(string template, string path)
    {
        Assert.False(new PathTemplate(template).TryMatch(path, out _));
    }

    [Theory]
    [InlineData("/apps/{app}x/dynos")]
    [InlineData("/apps/{a{b}/dynos")]
    [InlineData("/apps/{}/dynos")]
    public void A_parameter_is_a_whole_segment(string template)
    {
        var refused = Assert.Throws<ArgumentException>(() => new PathTemplate(template));

        Assert.Contains("a parameter is a whole segment", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_names_its_parameters_in_order_and_shows_with_one_leading_slash()
    {
        var template = new PathTemplate("apps/{app}/dynos/{dyno}");

        Assert.Equal(["app", "dyno"], template.Parameters);
        Assert.Equal("/apps/{app}/dynos/{dyno}", template.Text);
    }
}
