using System.Diagnostics;
using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Bench;

/// <summary>A published web app started as its own process on 127.0.0.1, the way a dyno starts it.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="executable"/> from its own folder (as the Procfile does) on a free loopback port.</summary>
    public static AppProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        return new AppProcess(process, baseAddress);
    }

    /// <summary>Polls <c>GET /</c> until it answers 200 and returns how long that took from <paramref name="started"/>.</summary>
    public async Task<TimeSpan> WaitForFirstOkAsync(Stopwatch started, TimeSpan timeout)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) })
        {
            BaseAddress = BaseAddress,
        };

        while (started.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before answering:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return started.Elapsed;
                }

                throw new InvalidOperationException($"GET / answered {(int)response.StatusCode}:\n{Output}");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
                await Task.Delay(2);
            }
        }

        throw new TimeoutException($"GET / did not answer 200 within {timeout}:\n{Output}");
    }

    /// <summary>CPU time the process has used so far (user and kernel): on a shared machine, steadier than wall-clock time.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident set size, its peak, and its anonymous, file-backed and shared-memory parts, in bytes, from /proc/PID/status.</summary>
    public (long Resident, long Peak, long Anonymous, long File, long Shared) Memory()
    {
        var status = System.IO.File.ReadAllLines($"/proc/{_process.Id}/status");
        return (Kilobytes(status, "VmRSS:") * 1024, Kilobytes(status, "VmHWM:") * 1024, Kilobytes(status, "RssAnon:") * 1024, Kilobytes(status, "RssFile:") * 1024, Kilobytes(status, "RssShmem:") * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private string Output
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static long Kilobytes(string[] status, string field) =>
        long.Parse(status.Single(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
