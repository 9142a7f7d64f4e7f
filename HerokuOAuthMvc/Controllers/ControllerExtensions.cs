using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Controllers;

public static class ControllerExtensions
{
    /// <summary>
    /// MVC with Razor views: Heroku's failures turned into the friendly pages in one filter, and pages that need a
    /// broader Heroku scope only when <c>Heroku:Scope</c> grants it. Forms are protected from cross-site requests by
    /// <see cref="Hosting.CrossOriginProtectionExtensions.UseCrossOriginProtection"/> instead of antiforgery tokens.
    /// </summary>
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddControllersWithViews(options => options.Filters.AddService<HerokuFailureFilter>());
        services.AddOptions<MvcOptions>()
            .Configure<IOptions<HerokuOptions>>((options, heroku) => options.Conventions.Add(new HerokuScopeConvention(heroku.Value)));
        services.AddSingleton<HerokuFailureFilter>();
        services.AddSingleton<AccountPageLinks>();
        return services;
    }

    /// <summary>The shared friendly page: the notice's status code, and the request id to mention when asking for help.</summary>
    public static ViewResult Notice(this Controller controller, NoticeViewModel notice)
    {
        controller.Response.StatusCode = notice.StatusCode;
        return controller.View("Notice", notice with { RequestId = controller.HttpContext.TraceIdentifier });
    }
}
