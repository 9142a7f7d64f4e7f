using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace HerokuOAuthMvc.Controllers;

/// <summary>Friendly pages for answers that no controller gives: a wrong HTTP method, a rate limiter's refusal.</summary>
public static class NoticePages
{
    private static readonly Endpoint NoticeEndpoint = new(requestDelegate: null, EndpointMetadataCollection.Empty, "Notice page");

    /// <summary>Renders the shared Notice view, with the notice's status code, outside of any controller.</summary>
    public static Task WriteAsync(HttpContext context, NoticeViewModel notice)
    {
        // Links in the page come from endpoint routing; requests refused before routing picked an endpoint (Heroku's
        // callback belongs to the authentication middleware) would otherwise fall back to IRouter-based links.
        if (context.GetEndpoint() is null)
        {
            context.SetEndpoint(NoticeEndpoint);
        }

        var metadata = context.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var result = new ViewResult
        {
            ViewName = "Notice",
            ViewData = new ViewDataDictionary<NoticeViewModel>(metadata, new ModelStateDictionary())
            {
                Model = notice with { RequestId = context.TraceIdentifier },
            },
            StatusCode = notice.StatusCode,
        };

        return result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>Routing answers a known path with the wrong method with an empty 405; give it a page (its Allow header stays).</summary>
    public static WebApplication UseMethodNotAllowedPage(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await WriteAsync(context, SessionNotices.MethodNotAllowed);
            }
        });

        return app;
    }
}
