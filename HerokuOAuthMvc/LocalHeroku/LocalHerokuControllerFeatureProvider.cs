using System.Reflection;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>Keeps the stand-in's controller out of the app unless local mode is on, so it has no route at all otherwise.</summary>
internal sealed class LocalHerokuControllerFeatureProvider(bool enabled) : ControllerFeatureProvider
{
    protected override bool IsController(TypeInfo typeInfo) =>
        base.IsController(typeInfo) && (enabled || typeInfo.AsType() != typeof(LocalHerokuController));
}
