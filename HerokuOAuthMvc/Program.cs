using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Controllers;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Hosting.DataProtection;
using HerokuOAuthMvc.LocalHeroku;
using HerokuOAuthMvc.Localization;
using HerokuOAuthMvc.RateLimiting;
using HerokuOAuthMvc.ReviewApps;

if (ReviewAppCommand.IsInvoked(args)) return await ReviewAppCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.UseHerokuPort();
builder.AddHerokuLogging();
builder.Services.AddGracefulShutdown();
builder.AddHerokuForwardedHeaders();
builder.AddHerokuHttps();
builder.AddHerokuKeyRing();
builder.AddHerokuHealthChecks();
builder.Services.AddHerokuOptions();
builder.AddLocalHeroku();
builder.Services.AddHerokuApiClient();
builder.Services.AddHerokuSignIn();
builder.AddServerSessions();
builder.Services.AddReviewAppSignIn();
builder.Services.AddWebPages();
builder.Services.AddSignInRateLimiting();

var app = builder.Build();

app.WarnIfLocalHeroku();

app.UseForwardedHeaders();
app.UseHerokuRequestId();
app.UseSecurityHeaders();
app.UseHerokuHttps();
app.UseErrorPages();

app.UseSignInRateLimiting();
app.UseServerSessions();
app.UseAuthentication();
app.UseAuthorization();
app.UseVisitorCulture();

app.MapHealthz();
app.MapStaticAssets();
app.MapControllers().WithStaticAssets();

app.Run();
return 0;
