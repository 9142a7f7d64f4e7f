using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HerokuOAuthMvc.Bench;

/// <summary>What one bounded <c>wrk</c> run measured.</summary>
internal sealed record WrkRun(double RequestsPerSecond, long Requests, double AverageLatencyMs, long Errors);

/// <summary>Runs <c>wrk</c> (Debian package) against a loopback URL for a bounded time and reads its summary.</summary>
internal static partial class Wrk
{
    public static async Task<WrkRun> RunAsync(Uri url, TimeSpan duration, int connections, string? cookie = null)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("The bench loads loopback addresses only.", nameof(url));
        }

        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t1", $"-c{connections}", FormattableString.Invariant($"-d{duration.TotalSeconds:0}s"), "--timeout", "5s" })
        {
            info.ArgumentList.Add(argument);
        }

        if (cookie is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"Cookie: {cookie}");
        }

        info.ArgumentList.Add(url.AbsoluteUri);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start wrk (apt-get install wrk).");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {errors}");
        }

        return new WrkRun(
            Number(RequestsPerSecond(), output),
            (long)Number(Requests(), output),
            LatencyMs(output),
            (long)Number(NonSuccess(), output, 0) + SocketErrors(output));
    }

    private static double Number(Regex pattern, string output, double? fallback = null)
    {
        var match = pattern.Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : fallback ?? throw new InvalidOperationException($"Unexpected wrk output:\n{output}");
    }

    private static double LatencyMs(string output)
    {
        var match = Latency().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Unexpected wrk output:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    private static long SocketErrors(string output) =>
        SocketError().Matches(output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketError();

    [GeneratedRegex(@"Latency\s+([\d.]+)(us|ms|s|m)\b")]
    private static partial Regex Latency();
}
