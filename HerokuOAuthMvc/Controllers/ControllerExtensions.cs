using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

public static class ControllerExtensions
{
    /// <summary>MVC with Razor views, and antiforgery checked on every unsafe method.</summary>
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "heroku-oauth-mvc-af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>The shared friendly page: the notice's status code, and the request id to mention when asking for help.</summary>
    public static ViewResult Notice(this Controller controller, NoticeViewModel notice)
    {
        controller.Response.StatusCode = notice.StatusCode;
        return controller.View("Notice", notice with { RequestId = controller.HttpContext.TraceIdentifier });
    }
}
