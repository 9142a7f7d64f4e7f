using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// One web dyno: the Procfile's <c>web:</c> command run by bash in the published app, with <c>PORT</c>, <c>DYNO</c>
/// and the given config vars, as Heroku starts it. The only departure: Kestrel is told to listen on 127.0.0.1 instead
/// of the Procfile's wildcard, as nothing in the tests may listen beyond loopback.
/// </summary>
public sealed class Dyno : IAsyncDisposable
{
    /// <summary>Heroku's boot timeout (R10): the web process must answer on <c>$PORT</c> within 60 s.</summary>
    public static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Inherited = ["PATH", "HOME", "DOTNET_CLI_TELEMETRY_OPTOUT", "TMPDIR"];

    private readonly PublishedApp _app;
    private readonly IReadOnlyDictionary<string, string> _config;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private Dyno(PublishedApp app, string name, int port, IReadOnlyDictionary<string, string> config)
    {
        _app = app;
        Name = name;
        Port = port;
        _config = config;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Where the router reaches this dyno.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>How long the last start took until the sign-in page answered.</summary>
    public TimeSpan BootTime { get; private set; }

    /// <summary>Every line the dyno wrote to stdout and stderr, as <c>heroku logs</c> would show them.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static async Task<Dyno> StartAsync(PublishedApp app, string name, IReadOnlyDictionary<string, string> config)
    {
        var dyno = new Dyno(app, name, LoopbackPort.Free(), config);
        try
        {
            await dyno.BootAsync();
            return dyno;
        }
        catch
        {
            await dyno.StopAsync();
            throw;
        }
    }

    /// <summary>Kills the dyno without warning, as a crash or Heroku's daily restart after SIGKILL, and starts it again with the same config.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await BootAsync();
    }

    /// <summary>Sends SIGTERM, as Heroku does before a restart, and waits for the process to exit.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        var stopwatch = Stopwatch.StartNew();

        // bash execs the Procfile command's last step, so the dyno's process is the app itself.
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var result = (process.ExitCode, stopwatch.Elapsed);
        process.Dispose();
        _process = null;
        return result;
    }

    /// <summary>The names of the assemblies the running dyno has mapped (from <c>/proc/PID/maps</c>), i.e. loaded.</summary>
    public IReadOnlySet<string> LoadedAssemblies()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        return File.ReadLines($"/proc/{process.Id}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet(StringComparer.Ordinal)!;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task BootAsync()
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = _app.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_app.WebCommand);

        // A dyno sees its config vars and what the platform sets, not the test runner's environment.
        start.Environment.Clear();
        foreach (var variable in Inherited)
        {
            if (Environment.GetEnvironmentVariable(variable) is { } value)
            {
                start.Environment[variable] = value;
            }
        }

        // The buildpack points the app host at its .NET; here that is the one running the tests.
        start.Environment["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath);
        start.Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["DYNO"] = Name;
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{Port}";
        foreach (var (key, value) in _config)
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (stopwatch.Elapsed < BootTimeout)
        {
            Assert.False(process.HasExited, $"{Name} exited with {(process.HasExited ? process.ExitCode : 0)} while booting:\n{string.Join('\n', _output)}");
            if (await AnswersWithSignInPageAsync(client))
            {
                BootTime = stopwatch.Elapsed;
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{Name} did not serve the sign-in page on $PORT within {BootTimeout.TotalSeconds} s:\n{string.Join('\n', _output)}");
    }

    private async Task<bool> AnswersWithSignInPageAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Address);
        request.Headers.Add("X-Forwarded-Proto", "https");
        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadAsStringAsync()).Contains("Sign in with Heroku", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
