using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Controllers;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.LocalHeroku;
using HerokuOAuthMvc.RateLimiting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddHerokuOptions();
builder.AddLocalHeroku();
builder.Services.AddHerokuApiClient();
builder.Services.AddHerokuSignIn();
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
