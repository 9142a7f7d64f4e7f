namespace HerokuOAuthMvc.Hosting;

public static class ErrorPagesExtensions
{
    public const string ExceptionPath = "/error";

    /// <summary>
    /// A failure or an empty error status ends on the site's friendly notice page, which shows the request id but
    /// never a stack trace (Development keeps the developer exception page); so does a request whose body cannot be read.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(ExceptionPath);
        }

        app.UseStatusCodePagesWithReExecute(ExceptionPath + "/{0}");
        app.UseUnreadableRequestPages();
        return app;
    }
}
