using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Controllers;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.LocalHeroku;
using HerokuOAuthMvc.Localization;
using HerokuOAuthMvc.RateLimiting;
#if (reviewApps)
using HerokuOAuthMvc.ReviewApps;

if (ReviewAppCommand.IsInvoked(args)) return await ReviewAppCommand.RunAsync(args);
#endif

// The slim builder: what a dyno never uses (IIS, HTTP/3, hosting startup assemblies) is left out of every start.
var builder = HerokuWebApplication.CreateBuilder(args);

// Running on Heroku: $PORT, logging, shutdown, forwarded headers, HTTPS, the key ring, /healthz.
builder.AddHerokuHosting();

// Traces and metrics over OTLP, when OTEL_EXPORTER_OTLP_ENDPOINT names a collector.
builder.AddHerokuOpenTelemetry();

#if (reviewApps)
// Sign-in with Heroku (the local stand-in in Development; review apps waiting for their client).
#else
// Sign-in with Heroku (the local stand-in in Development).
#endif
builder.Services.AddHerokuOptions();
builder.AddLocalHeroku();
builder.Services.AddHerokuSignIn();
#if (redis)
builder.AddServerSessions();
#endif
#if (reviewApps)
builder.Services.AddReviewAppSignIn();
#endif

// The Platform API as the signed-in person: the token, its refresh and the failure pages come with the client.
builder.Services.AddHerokuPlatformClient<HerokuApiClient>();

// The pages, compressed where that is safe, and limits on starting sign-in.
builder.Services.AddWebPages();
builder.Services.AddPageCompression();
builder.Services.AddSignInRateLimiting();

// Your own services go here, e.g. builder.Services.AddHerokuPlatformClient<YourClient>();

var app = builder.Build();

app.WarnIfLocalHeroku();
app.UseHerokuHosting();

// Forms (sign-in, sign-out, Refresh) post only from this site's own pages.
app.UseCrossOriginProtection();

app.UseSignInRateLimiting();
#if (redis)
app.UseServerSessions();
#endif
app.UseAuthentication();
app.UseAuthorization();
app.UsePageCompression();
app.UseVisitorCulture();

app.MapStaticAssets();
app.MapControllers().WithStaticAssets();

app.Run();
return 0;
