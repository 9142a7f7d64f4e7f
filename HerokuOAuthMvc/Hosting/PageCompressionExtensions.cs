using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace HerokuOAuthMvc.Hosting;

public static class PageCompressionExtensions
{
    /// <summary>
    /// gzip or Brotli, whichever the browser prefers, at the fastest level, for HTML pages only: Heroku's router passes
    /// responses on as they are and does not compress them, and the static files already go out precompressed by
    /// <c>MapStaticAssets</c>. Where the browser accepts both alike (as browsers do), gzip: for a page of a few kB it
    /// costs half of Brotli's CPU (16 against 32 µs on the bench's machine) for about 300 bytes more, and either fits in
    /// the first round trip.
    /// </summary>
    public static IServiceCollection AddPageCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Over https, which is every page on Heroku: UsePageCompression lets only pages safe from BREACH in.
            options.EnableForHttps = true;
            options.MimeTypes = ["text/html"];
            options.Providers.Add<GzipCompressionProvider>();
            options.Providers.Add<BrotliCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// Compresses a page only where compression cannot leak a secret (BREACH: a compressed response carrying both a
    /// secret and text an attacker chose shows, by its length, whether a guess matched). The pages carry no token:
    /// forms are protected by <see cref="CrossOriginProtectionExtensions"/>, and the session never appears in a page.
    /// What a signed-in page does carry, the person's name, email and account facts, is kept from any text an attacker
    /// could choose: another site can choose only the address it sends the browser to, so a signed-in visitor's page is
    /// compressed only when its address has no query string and no route values. Every page for a visitor who is not
    /// signed in is compressed: it holds nothing about anyone. Goes after authentication, which says who is signed in.
    /// </summary>
    public static WebApplication UsePageCompression(this WebApplication app)
    {
        app.UseWhen(CanCompress, branch => branch.UseResponseCompression());
        return app;
    }

    internal static bool CanCompress(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && (context.User.Identity?.IsAuthenticated != true || ReflectsNothing(context));

    private static bool ReflectsNothing(HttpContext context) =>
        !context.Request.QueryString.HasValue
        && context.GetEndpoint() is RouteEndpoint { RoutePattern.Parameters.Count: 0 };
}
