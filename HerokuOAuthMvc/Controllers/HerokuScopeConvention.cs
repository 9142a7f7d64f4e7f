using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace HerokuOAuthMvc.Controllers;

/// <summary>
/// The controller exists only when <c>Heroku:Scope</c> allows <see cref="Scope"/> (one of <see cref="HerokuScopes"/>):
/// otherwise it has no route at all, so its pages answer 404 and nothing links to them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresHerokuScopeAttribute(string scope) : Attribute
{
    public string Scope { get; } = scope;
}

/// <summary>Takes out the controllers whose <see cref="RequiresHerokuScopeAttribute"/> the configured scope does not allow.</summary>
internal sealed class HerokuScopeConvention(HerokuOptions heroku) : IApplicationModelConvention
{
    public void Apply(ApplicationModel application)
    {
        var refused = application.Controllers
            .Where(controller => controller.Attributes.OfType<RequiresHerokuScopeAttribute>().Any(required => !heroku.Allows(required.Scope)))
            .ToList();
        foreach (var controller in refused)
        {
            application.Controllers.Remove(controller);
        }
    }
}
