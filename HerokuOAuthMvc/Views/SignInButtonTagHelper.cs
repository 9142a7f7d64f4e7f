using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HerokuOAuthMvc.Views;

/// <summary>
/// <c>&lt;sign-in-button return-url="…" /&gt;</c>: the Sign in with Heroku form, on the sign-in page and the notices
/// that offer it. Written as one string instead of a partial view, which cost a view lookup and a view of its own on
/// every visitor's page. It posts to <see cref="AppRoutes.SignIn"/>, protected by
/// <see cref="Hosting.CrossOriginProtectionExtensions"/> rather than a token.
/// </summary>
[HtmlTargetElement("sign-in-button", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SignInButtonTagHelper(HtmlEncoder htmlEncoder) : TagHelper
{
    private const string Start = "<form method=\"post\" action=\"" + AppRoutes.SignIn + "\" class=\"m-0\">\n";

    private const string Button = "  <button type=\"submit\" class=\"btn btn-primary btn-lg\">Sign in with Heroku</button>\n</form>\n";

    private const string WithoutReturnUrl = Start + Button;

    /// <summary>Where the sign-in lands afterwards; already checked to be a local path (<see cref="Controllers.ReturnUrls"/>).</summary>
    public string? ReturnUrl { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(string.IsNullOrEmpty(ReturnUrl)
            ? WithoutReturnUrl
            : string.Concat(Start, "    <input type=\"hidden\" name=\"" + AppRoutes.ReturnUrlParameter + "\" value=\"", htmlEncoder.Encode(ReturnUrl), "\">\n", Button));
    }
}
