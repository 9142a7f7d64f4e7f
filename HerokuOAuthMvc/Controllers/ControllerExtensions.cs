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
}
