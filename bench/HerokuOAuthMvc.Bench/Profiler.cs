using System.Diagnostics;
using System.Globalization;

namespace HerokuOAuthMvc.Bench;

/// <summary>
/// Where a page's CPU goes: <c>perf record</c> (Debian's linux-perf) samples the server while <c>wrk</c> loads one
/// page, then <c>perf report</c> lists the functions by the share of samples they or their callees took.
/// </summary>
internal static class Profiler
{
    /// <summary>
    /// The runtime writes <c>/tmp/perf-PID.map</c> so perf can name JIT'd frames; without ReadyToRun every hot method is
    /// JIT'd and so named. For profiling runs only: it changes boot, not the steady state being profiled.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["DOTNET_PerfMapEnabled"] = "1",
        ["DOTNET_ReadyToRun"] = "0",
    };

    public static bool IsInstalled => Which("perf") is not null;

    /// <summary>Profiles <paramref name="server"/> under load on <paramref name="url"/> and writes the report beside <paramref name="report"/>.</summary>
    public static async Task<string> ProfileAsync(AppProcess server, Uri url, string? cookie, TimeSpan duration, int connections, string report)
    {
        // Warm up first, so tiered compilation has settled on the code the steady state runs.
        await Wrk.RunAsync(url, TimeSpan.FromSeconds(5), connections, cookie);
        var data = Path.ChangeExtension(report, ".data");
        var seconds = ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        using var record = Start("perf", "record", "-F", "1999", "-e", "cpu-clock", "-g", "-p", server.Id.ToString(CultureInfo.InvariantCulture), "-o", data, "--", "sleep", seconds);
        var run = await Wrk.RunAsync(url, duration, connections, cookie);
        await record.WaitForExitAsync();

        // Self and inclusive ("children") shares, so a middleware shows with everything it calls.
        using var inclusive = Start("perf", "report", "-i", data, "--stdio", "--children", "--sort", "symbol", "-g", "none", "--percent-limit", "0.8");
        var text = await inclusive.StandardOutput.ReadToEndAsync();
        await inclusive.WaitForExitAsync();
        var header = FormattableString.Invariant($"# {url.AbsolutePath}: {run.Requests} requests, {run.RequestsPerSecond:#,0} req/s under perf for {seconds} s, sampled at 1999 Hz\n");
        await File.WriteAllTextAsync(report, header + text);
        return header + text;
    }

    private static Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static string? Which(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
