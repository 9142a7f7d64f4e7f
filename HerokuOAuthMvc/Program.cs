using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Controllers;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.LocalHeroku;
using HerokuOAuthMvc.RateLimiting;
using HerokuOAuthMvc.ReviewApps;

if (ReviewAppCommand.IsInvoked(args)) return await ReviewAppCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddHerokuOptions();
builder.AddLocalHeroku();
builder.Services.AddHerokuApiClient();
builder.Services.AddHerokuSignIn();
builder.Services.AddReviewAppSignIn();
builder.Services.AddWebPages();
builder.Services.AddSignInRateLimiting();

var app = builder.Build();

app.WarnIfLocalHeroku();

app.UseSignInRateLimiting();
app.UseAuthentication();
app.UseAuthorization();
app.UseMethodNotAllowedPage();

app.MapStaticAssets();
app.MapControllers().WithStaticAssets();

app.Run();
return 0;
