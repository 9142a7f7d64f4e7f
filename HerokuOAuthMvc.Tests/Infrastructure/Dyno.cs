using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using HerokuOAuthMvc.Hosting;

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
    private readonly List<string> _output = [];
    private readonly List<(int Since, Func<string, bool> Match, TaskCompletionSource<int> Seen)> _waiters = [];
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
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>
    /// The index in <see cref="Output"/> of the first line from <paramref name="since"/> on that matches, as soon as the
    /// dyno writes it; fails after <paramref name="within"/>.
    /// </summary>
    public async Task<int> WaitForLineAsync(Func<string, bool> match, int since, TimeSpan within)
    {
        var seen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var index = _output.FindIndex(since, line => match(line));
            if (index >= 0)
            {
                return index;
            }

            _waiters.Add((since, match, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(within);
        }
        catch (TimeoutException)
        {
            lock (_output)
            {
                _waiters.RemoveAll(waiter => waiter.Seen == seen);
            }

            throw new TimeoutException($"{Name} did not log the expected line within {within.TotalSeconds} s:\n{string.Join('\n', Output)}");
        }
    }

    /// <summary>
    /// The lines the dyno logged from <paramref name="since"/> up to now. The console logger writes in the background,
    /// in order: a request that logs one line of its own (a form that ends early, with its own request id) marks "now".
    /// </summary>
    public async Task<List<string>> LinesLoggedSinceAsync(int since)
    {
        var marker = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, Address)
        {
            Content = new StringContent("--cut\r\nContent-Disposition: form-data; name=\"marker\"\r\n\r\nends early", Encoding.ASCII),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add(RequestIdExtensions.HeaderName, marker);
        using var client = new HttpClient();
        using (var response = await client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var end = await WaitForLineAsync(line => line.Contains($" request_id={marker} ", StringComparison.Ordinal), since, TimeSpan.FromSeconds(10));
        lock (_output)
        {
            return _output[since..end];
        }
    }

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
        var since = Output.Count;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // Kestrel says where it listens once it does; the app's first answer then shows it serves the sign-in page.
        var listening = WaitForLineAsync(line => line.Contains($"Now listening on: {Address.AbsoluteUri.TrimEnd('/')}", StringComparison.Ordinal), since, BootTimeout);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening, exited) == exited)
        {
            Assert.Fail($"{Name} exited with {process.ExitCode} while booting:\n{string.Join('\n', Output)}");
        }

        await listening;
        using var client = new HttpClient { Timeout = BootTimeout - stopwatch.Elapsed };
        using var request = new HttpRequestMessage(HttpMethod.Get, Address);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.OK && page.Contains("Sign in with Heroku", StringComparison.Ordinal),
            $"{Name} answered {(int)response.StatusCode} without the sign-in page:\n{string.Join('\n', Output)}");
        BootTime = stopwatch.Elapsed;
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
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
            foreach (var waiter in _waiters.Where(waiter => _output.Count > waiter.Since && waiter.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(_output.Count - 1);
            }
        }
    }
}
