using HerokuOAuthMvc.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

public static class ControllerExtensions
{
    /// <summary>MVC with Razor views, antiforgery checked on every unsafe method, and the session helper.</summary>
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "heroku-oauth-mvc-af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        services.AddHttpContextAccessor();
        services.AddScoped<HerokuSession>();
        return services;
    }
}
