using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text.Json;
using HerokuOAuthMvc.Bench;
using HerokuOAuthMvc.Tests.Infrastructure;

// Usage: HerokuOAuthMvc.Bench --app <published app executable> --hello <published hello executable>
//        --stock <published stock MVC template executable> --results <folder>
//        [--seconds 10] [--rounds 3] [--boot-only true] [--otlp true] [--redis true|false] [--profile true]
var settings = Arguments.Parse(args);
var appExecutable = Path.GetFullPath(settings["app"]);
var helloExecutable = Path.GetFullPath(settings["hello"]);
var stockExecutable = Path.GetFullPath(settings["stock"]);
var resultsFolder = Path.GetFullPath(settings["results"]);
var duration = TimeSpan.FromSeconds(int.Parse(settings.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture));
var rounds = int.Parse(settings.GetValueOrDefault("rounds", "3"), CultureInfo.InvariantCulture);
// Sessions in Redis are measured too wherever redis-server is installed, as when Heroku Key-Value Store is attached.
var withRedis = settings.GetValueOrDefault("redis", RedisProcess.IsInstalled ? "true" : "false") == "true";
// Instead of the measures: where each page's CPU goes, from perf, into <results>/profile/.
var profile = settings.GetValueOrDefault("profile") == "true";
if (profile && !Profiler.IsInstalled)
{
    Console.Error.WriteLine("perf is missing: apt-get install linux-perf");
    return 1;
}
const int Connections = 32;
// One cold start moves by 10–20% against the one beside it on a shared machine: more pairs narrow the median ratio.
const int ColdStarts = 11;
const string StockHome = "Stock MVC template: GET /";
const string RedisUser = "GET /user (signed in, session in Redis)";
// The bench's own INFO and the client's keep-alives and handshakes: not part of a page view.
string[] RedisHousekeeping = ["info", "ping", "echo", "auth", "hello", "client", "cluster", "config", "subscribe", "select"];
var startTimeout = TimeSpan.FromSeconds(30);

await using var heroku = await FakeHerokuServer.StartAsync();
await using var collector = settings.GetValueOrDefault("otlp") == "true" ? await OtlpCollector.StartAsync(kept: 0) : null;
using var scratch = new ScratchFolder();
var home = scratch.Directory;

// What the heroku/dotnet buildpack's launch environment sets for every process it runs (heroku/buildpacks-dotnet,
// buildpacks/dotnet/src/dotnet_layer_env.rs, used for the runtime layer by buildpacks/dotnet/src/layers/runtime.rs):
// W^X off, and "running in a container".
Dictionary<string, string> BuildpackLaunch(string homeFolder) => new()
{
    ["DOTNET_EnableWriteXorExecute"] = "0",
    ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    ["DOTNET_NOLOGO"] = "true",
    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "true",
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["HOME"] = homeFolder,
};

Dictionary<string, string> Launch(string homeFolder) =>
    profile ? new(BuildpackLaunch(homeFolder).Concat(Profiler.Environment)) : BuildpackLaunch(homeFolder);

// Production as on a dyno, minus DYNO: the fake's endpoints and client, a cookie secret, and an empty $HOME per start
// (a dyno's file system is wiped on every restart, so nothing written by an earlier start is there to reuse); with
// --otlp true, also exporting OpenTelemetry to a sink on loopback.
Dictionary<string, string> AppEnvironment(string homeFolder)
{
    var environment = new Dictionary<string, string>(Launch(homeFolder).Concat(heroku.AppSettings))
    {
        ["COOKIE_SECRET"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
    };
    if (collector is not null)
    {
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
    }

    return environment;
}

// As with Heroku Key-Value Store attached: REDIS_URL instead of COOKIE_SECRET.
Dictionary<string, string> RedisEnvironment(string homeFolder, string redisUrl)
{
    var environment = AppEnvironment(homeFolder);
    environment.Remove("COOKIE_SECRET");
    environment["REDIS_URL"] = redisUrl;
    return environment;
}

// Production with stock settings, launched as the buildpack launches them, for the baselines.
Dictionary<string, string> BaselineEnvironment(string homeFolder) => Launch(homeFolder);

// Interleaved, so a change in the machine's load falls on all three alike.
var starts = new (string Name, string Executable, Func<string, Dictionary<string, string>> Environment)[]
{
    ("app", appExecutable, AppEnvironment),
    ("bare Kestrel hello", helloExecutable, BaselineEnvironment),
    ("stock MVC template", stockExecutable, BaselineEnvironment),
};
var bootSamples = starts.ToDictionary(s => s.Name, _ => (Wall: new List<double>(), Cpu: new List<double>()));
Console.WriteLine($"Boot: {ColdStarts} cold starts each of the app, the bare Kestrel hello and the stock MVC template");
for (var i = 0; i < (profile ? 0 : ColdStarts); i++)
{
    foreach (var start in starts)
    {
        var (wall, cpu) = await ColdStartAsync(start.Executable, start.Environment(home.CreateSubdirectory($"boot-{i}-{start.Name.Replace(' ', '-')}").FullName));
        bootSamples[start.Name].Wall.Add(wall);
        bootSamples[start.Name].Cpu.Add(cpu);
        Console.WriteLine(FormattableString.Invariant($"  start {i + 1}, {start.Name}: {wall:0} ms ({cpu:0} ms CPU)"));
    }
}

var (appBoot, helloBoot, stockBoot) = (Boot(starts[0].Name), Boot(starts[1].Name), Boot(starts[2].Name));

if (settings.GetValueOrDefault("boot-only") == "true")
{
    Console.WriteLine(FormattableString.Invariant($"Boot median: app {appBoot.Median:0} ms ({appBoot.CpuMedian:0} ms CPU), bare Kestrel hello {helloBoot.Median:0} ms, stock MVC template {stockBoot.Median:0} ms"));
    return 0;
}

await using var hello = AppProcess.Start(helloExecutable, BaselineEnvironment(home.CreateSubdirectory("hello").FullName));
await hello.WaitForFirstOkAsync(Stopwatch.StartNew(), startTimeout);
await using var stockApp = AppProcess.Start(stockExecutable, BaselineEnvironment(home.CreateSubdirectory("stock").FullName));
await stockApp.WaitForFirstOkAsync(Stopwatch.StartNew(), startTimeout);
await using var app = AppProcess.Start(appExecutable, AppEnvironment(home.CreateSubdirectory("load").FullName));
await app.WaitForFirstOkAsync(Stopwatch.StartNew(), startTimeout);

var cookie = await SignInAsync(app.BaseAddress);
var userUrl = new Uri(app.BaseAddress, "/user");
// Issue 17's targets: CPU per request at most these multiples of the stock template's GET /, measured in the same round.
// The stock template goes right before the app's pages in each round, so the ratios compare neighbours in time.
var targets = new List<(string Name, AppProcess Server, Uri Url, string? Cookie, double? StockRatioTarget)>
{
    ("Ceiling: bare Kestrel hello", hello, hello.BaseAddress, null, null),
    (StockHome, stockApp, stockApp.BaseAddress, null, null),
    ("GET / (sign-in page)", app, app.BaseAddress, null, 1.25),
    ("GET /user (signed in)", app, userUrl, cookie, 1.5),
};

// The same app with REDIS_URL (and no COOKIE_SECRET): the session in Redis, the cookie holding only its key.
await using var redis = withRedis ? await RedisProcess.StartAsync() : null;
await using var appWithRedis = redis is null ? null : AppProcess.Start(appExecutable, RedisEnvironment(home.CreateSubdirectory("load-redis").FullName, redis.Url));
if (appWithRedis is not null)
{
    await appWithRedis.WaitForFirstOkAsync(Stopwatch.StartNew(), startTimeout);
    targets.Add((RedisUser, appWithRedis, new Uri(appWithRedis.BaseAddress, "/user"), await SignInAsync(appWithRedis.BaseAddress), 1.75));
}

if (profile)
{
    var profiles = Path.Combine(resultsFolder, "profile");
    Directory.CreateDirectory(profiles);
    foreach (var target in targets.Where(t => t.Server != hello))
    {
        var reportFile = Path.Combine(profiles, string.Concat(target.Name.Where(char.IsAsciiLetterOrDigit)) + ".txt");
        var text = await Profiler.ProfileAsync(target.Server, target.Url, target.Cookie, duration, Connections, reportFile);
        Console.WriteLine(string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("# ", StringComparison.Ordinal) || l.StartsWith("# /", StringComparison.Ordinal)).Take(50)));
        Console.WriteLine($"Wrote {reportFile}");
    }

    return 0;
}

var accountCallsBefore = AccountCalls();
var userViews = 0L;
var runs = targets.ToDictionary(t => t.Name, _ => new List<WrkRun>());
var cpuPerRequest = targets.ToDictionary(t => t.Name, _ => new List<double>());

Console.WriteLine(FormattableString.Invariant($"Throughput: wrk -t1 -c{Connections}, warm-up then {rounds} rounds of {duration.TotalSeconds:0} s per endpoint"));
foreach (var target in targets)
{
    var warmUp = await Wrk.RunAsync(target.Url, TimeSpan.FromSeconds(3), Connections, target.Cookie);
    userViews += target.Url.AbsolutePath == userUrl.AbsolutePath ? warmUp.Requests : 0;
}

for (var round = 0; round < rounds; round++)
{
    foreach (var target in targets)
    {
        var cpuBefore = target.Server.CpuTime();
        var run = await Wrk.RunAsync(target.Url, duration, Connections, target.Cookie);
        runs[target.Name].Add(run);
        cpuPerRequest[target.Name].Add((target.Server.CpuTime() - cpuBefore).TotalMicroseconds / run.Requests);
        userViews += target.Url.AbsolutePath == userUrl.AbsolutePath ? run.Requests : 0;
        Console.WriteLine(FormattableString.Invariant($"  round {round + 1}, {target.Name}: {run.RequestsPerSecond:#,0} req/s, {cpuPerRequest[target.Name][^1]:0} µs CPU per request"));
    }
}

// A session that expired or broke mid-run would turn every /user into a cheap redirect: check it still greets.
await EnsureGreetedAsync(app.BaseAddress, cookie);
userViews++;
// Redis commands per view, counted over views made one at a time: wrk stops with requests in flight that reached Redis
// but are not counted as views.
RedisSessionsResult? redisSessions = null;
if (redis is not null && appWithRedis is not null)
{
    const int CountedViews = 200;
    var redisCallsBefore = await redis.CommandCallsAsync();
    for (var view = 0; view < CountedViews; view++)
    {
        await EnsureGreetedAsync(appWithRedis.BaseAddress, targets.Single(t => t.Name == RedisUser).Cookie!);
    }

    userViews += CountedViews;
    var commands = (await redis.CommandCallsAsync())
        .Select(c => (Command: c.Key, Calls: c.Value - redisCallsBefore.GetValueOrDefault(c.Key)))
        .Where(c => c.Calls > 0 && !RedisHousekeeping.Contains(c.Command))
        .ToDictionary(c => c.Command, c => c.Calls, StringComparer.Ordinal);
    redisSessions = new RedisSessionsResult(commands, CountedViews, Math.Round((double)commands.Values.Sum() / CountedViews, 4));
}

var (resident, peak, anonymous, fileBacked, shared) = app.Memory();
var ceilingResident = hello.Memory().Resident;
var stockResident = stockApp.Memory().Resident;
var ceilingRps = Median(runs[targets[0].Name].Select(r => r.RequestsPerSecond));
var ceilingCpu = Median(cpuPerRequest[targets[0].Name]);
var throughput = targets.Select(t =>
{
    var rps = Median(runs[t.Name].Select(r => r.RequestsPerSecond));
    var cpu = Median(cpuPerRequest[t.Name]);
    var stockRatio = Median(cpuPerRequest[t.Name].Zip(cpuPerRequest[StockHome], (page, stock) => page / stock));
    return new ThroughputResult(
        t.Name,
        t.Url.AbsolutePath,
        runs[t.Name].Select(r => Math.Round(r.RequestsPerSecond)).ToList(),
        Math.Round(rps),
        Math.Round(rps / ceilingRps, 3),
        t.StockRatioTarget,
        Math.Round(cpu, 1),
        Math.Round(ceilingCpu / cpu, 3),
        Math.Round(stockRatio, 3),
        Math.Round(Median(runs[t.Name].Select(r => r.AverageLatencyMs)), 2),
        runs[t.Name].Sum(r => r.Errors),
        t.Name == RedisUser ? "redis" : null);
}).ToList();
var stockHome = throughput.Single(t => t.Name == StockHome);
throughput.Remove(stockHome);

var accountCalls = AccountCalls() - accountCallsBefore;
var report = new BenchReport(
    DateTimeOffset.UtcNow,
    $"{Environment.ProcessorCount} cores (shared), {Environment.OSVersion.VersionString}, .NET {Environment.Version}",
    new AppBuild(Path.GetRelativePath(Environment.CurrentDirectory, appExecutable), IsReadyToRun(appExecutable + ".dll"), RuntimeSettings(appExecutable)),
    new BootResult(appBoot.Samples, appBoot.Median, appBoot.CpuSamples, appBoot.CpuMedian, Math.Round(Median(appBoot.Samples.Zip(stockBoot.Samples, (a, s) => a / s)), 3), 1.0),
    throughput,
    new MemoryResult(Megabytes(resident), Megabytes(peak), Megabytes(anonymous), Megabytes(fileBacked), Megabytes(shared), Megabytes(ceilingResident), Math.Round((double)resident / stockResident, 3), 1.0),
    new HerokuCallsResult(accountCalls, userViews, (double)accountCalls / userViews, heroku.Heroku.UnexpectedRequests.Count),
    [
        new BaselineResult(BaselineResult.HelloName, helloBoot.Samples, helloBoot.Median, helloBoot.CpuMedian, throughput.Single(t => t.StockRatioTarget is null), Megabytes(ceilingResident)),
        new BaselineResult(BaselineResult.StockName, stockBoot.Samples, stockBoot.Median, stockBoot.CpuMedian, stockHome, Megabytes(stockResident)),
    ],
    redisSessions);

// A run exporting OpenTelemetry is compared with the latest run, not written over it.
var resultsName = collector is null ? "latest" : "latest-otlp";
Directory.CreateDirectory(resultsFolder);
await File.WriteAllTextAsync(Path.Combine(resultsFolder, resultsName + ".json"), JsonSerializer.Serialize(report, BenchReport.JsonOptions) + "\n");
await File.WriteAllTextAsync(Path.Combine(resultsFolder, resultsName + ".svg"), SvgChart.Render(report));

Console.WriteLine();
Console.WriteLine("| Measure | Result | Target | Met | Stock MVC template, same run |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var measure in report.Measures())
{
    Console.WriteLine($"| {measure.Name} | {measure.Shown} | {measure.TargetShown} | {(measure.Met ? "yes" : "**no**")} | {measure.StockShown ?? "—"} |");
}

Console.WriteLine(FormattableString.Invariant($"| {report.Ceiling.Name} | {report.Ceiling.RequestsPerSecond:#,0} req/s, {helloBoot.Median:0} ms boot, {report.Memory.CeilingResidentMb:0} MB RSS | — | — | — |"));
Console.WriteLine();
if (collector is not null)
{
    Console.WriteLine($"OpenTelemetry: the app sent {collector.Exports} OTLP exports to the sink on {collector.Endpoint}.");
}

Console.WriteLine($"Wrote {Path.Combine(resultsFolder, resultsName + ".json")} and {resultsName}.svg");
return report.Measures().All(m => m.Met) ? 0 : 2;

long AccountCalls() => heroku.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "account");

// One cold start: wall-clock time to the first 200 on /, and the CPU time the process spent getting there.
async Task<(double Wall, double Cpu)> ColdStartAsync(string executable, Dictionary<string, string> environment)
{
    var started = Stopwatch.StartNew();
    await using var cold = AppProcess.Start(executable, environment);
    var elapsed = await cold.WaitForFirstOkAsync(started, startTimeout);
    return (Math.Round(elapsed.TotalMilliseconds, 1), Math.Round(cold.CpuTime().TotalMilliseconds));
}

BootSamples Boot(string name) =>
    new(bootSamples[name].Wall, Median(bootSamples[name].Wall), bootSamples[name].Cpu, Median(bootSamples[name].Cpu));

// Signs in through the real flow (antiforgery, challenge, callback, code exchange, GET /account) and returns the session cookie.
static async Task<string> SignInAsync(Uri baseAddress)
{
    var cookies = new CookieJar();
    using var client = new HttpClient(cookies) { BaseAddress = baseAddress };
    var landing = await SignInDriver.SignInAsync(client);
    if (landing.OriginalString != "/user")
    {
        throw new InvalidOperationException($"Sign-in landed on {landing} instead of /user.");
    }

    var cookie = cookies.Header;
    await EnsureGreetedAsync(baseAddress, cookie);
    return cookie;
}

static async Task EnsureGreetedAsync(Uri baseAddress, string cookie)
{
    using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    using var request = new HttpRequestMessage(HttpMethod.Get, "/user");
    request.Headers.Add("Cookie", cookie);
    using var response = await client.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK || !body.Contains("Ada Lovelace", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"GET /user with the session answered {(int)response.StatusCode} without the greeting.");
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static double Megabytes(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

// Precompiled native code lives in a ReadyToRun image's managed native header.
static bool IsReadyToRun(string assembly)
{
    using var pe = new PEReader(File.OpenRead(assembly));
    return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
}

static IReadOnlyDictionary<string, JsonElement> RuntimeSettings(string executable)
{
    using var config = JsonDocument.Parse(File.ReadAllText(executable + ".runtimeconfig.json"));
    return config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
        ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
        : new Dictionary<string, JsonElement>();
}

internal sealed record BootSamples(IReadOnlyList<double> Samples, double Median, IReadOnlyList<double> CpuSamples, double CpuMedian);

/// <summary>The bench's scratch folder (an empty $HOME per start), removed however the run ends, after the apps stop.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("herokuoauthmvc-bench-");

    public void Dispose() => Directory.Delete(recursive: true);
}
