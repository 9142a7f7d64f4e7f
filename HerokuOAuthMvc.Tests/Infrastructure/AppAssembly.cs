using System.Diagnostics;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>The app's build beside the tests (HerokuOAuthMvc.dll), run as a process of its own.</summary>
public static class AppAssembly
{
    /// <summary>
    /// The app with <paramref name="arguments"/>, on the runtime running the tests, from the tests' folder, its output
    /// read by the caller; none of this machine's Heroku, dyno or Redis settings reach it, so the caller's are all it has.
    /// </summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HerokuOAuthMvc.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(IsMachineSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        return start;
    }

    private static bool IsMachineSetting(string name) =>
        name.StartsWith("HEROKU", StringComparison.OrdinalIgnoreCase) || name is "DYNO" or "PORT" or "REDIS_URL" or "COOKIE_SECRET";

    private static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
