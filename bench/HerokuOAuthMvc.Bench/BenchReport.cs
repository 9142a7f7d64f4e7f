using System.Text.Json;
using System.Text.Json.Serialization;

namespace HerokuOAuthMvc.Bench;

/// <summary>One bench run: what bench/results/latest.json holds and what the table and chart are drawn from.</summary>
internal sealed record BenchReport(
    DateTimeOffset RunAt,
    string Machine,
    AppBuild App,
    BootResult Boot,
    IReadOnlyList<ThroughputResult> Throughput,
    MemoryResult Memory,
    HerokuCallsResult HerokuCalls,
    IReadOnlyList<BaselineResult> Baselines,
    RedisSessionsResult? RedisSessions = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonIgnore]
    public ThroughputResult Ceiling => Throughput.Single(t => t.RatioTarget is null);

    [JsonIgnore]
    public BaselineResult Stock => Baselines.Single(b => b.Name == BaselineResult.StockName);

    /// <summary>Every measure against its target, in the order the table and the chart show them.</summary>
    public IEnumerable<Measure> Measures()
    {
        yield return new Measure("Boot: start to first 200 on / (median of 5 cold starts)", "Boot (median)", Boot.MedianMs, Boot.TargetMs, LowerIsBetter: true,
            FormattableString.Invariant($"{Boot.MedianMs:0} ms ({Boot.CpuMedianMs:0} ms CPU)"), FormattableString.Invariant($"≤ {Boot.TargetMs:0} ms"),
            Stock.BootMedianMs, FormattableString.Invariant($"{Stock.BootMedianMs:0} ms ({Stock.BootCpuMedianMs:0} ms CPU)"));

        foreach (var page in Throughput.Where(t => t.RatioTarget is not null))
        {
            yield return new Measure($"{page.Name}: share of the bare-Kestrel ceiling", $"GET {page.Url}{(page.Sessions is { } sessions ? $" ({sessions})" : null)} ÷ ceiling", page.Ratio, page.RatioTarget!.Value, LowerIsBetter: false,
                FormattableString.Invariant($"{page.Ratio:0.00} ({page.RequestsPerSecond:#,0} req/s; by CPU per request {page.CpuRatio:0.00}, {page.CpuMicrosecondsPerRequest:0} µs)"), FormattableString.Invariant($"≥ {page.RatioTarget:0.00}"),
                page.Url == "/" ? Stock.Home.Ratio : null,
                page.Url == "/" ? FormattableString.Invariant($"{Stock.Home.Ratio:0.00} ({Stock.Home.RequestsPerSecond:#,0} req/s; {Stock.Home.CpuMicrosecondsPerRequest:0} µs), its home page") : null);
        }

        yield return new Measure("RSS after the throughput runs", "RSS after load", Memory.ResidentMb, Memory.TargetMb, LowerIsBetter: true,
            FormattableString.Invariant($"{Memory.ResidentMb:0} MB (peak {Memory.PeakMb:0} MB; {Memory.AnonymousMb:0} MB heap and stacks, {Memory.FileMb:0} MB mapped files, {Memory.SharedMb:0} MB JIT code in shared memory)"), FormattableString.Invariant($"≤ {Memory.TargetMb:0} MB"),
            Stock.ResidentMb, FormattableString.Invariant($"{Stock.ResidentMb:0} MB"));

        yield return new Measure("Heroku API calls per /user view", "API calls per /user", HerokuCalls.PerUserView, 0, LowerIsBetter: true,
            FormattableString.Invariant($"{HerokuCalls.PerUserView:0.####} ({HerokuCalls.AccountCalls} in {HerokuCalls.UserViews:#,0} views)"), "0");

        if (RedisSessions is { } redis)
        {
            yield return new Measure("Redis round trips per /user view (session in Redis)", "Redis calls per /user", redis.PerUserView, 1, LowerIsBetter: true,
                FormattableString.Invariant($"{redis.PerUserView:0.####} ({string.Join(", ", redis.Commands.Select(c => $"{c.Value:#,0} {c.Key.ToUpperInvariant()}"))} in {redis.UserViews:#,0} views)"), "≤ 1");
        }
    }
}

internal sealed record AppBuild(string Path, bool ReadyToRun, IReadOnlyDictionary<string, JsonElement> RuntimeSettings);

/// <summary>Wall-clock time from process start to the first 200, and the CPU time the app spent getting there.</summary>
internal sealed record BootResult(IReadOnlyList<double> SamplesMs, double MedianMs, IReadOnlyList<double> CpuSamplesMs, double CpuMedianMs, double TargetMs);

/// <summary>
/// Requests per second for one endpoint; <see cref="RatioTarget"/> is null for the ceiling itself. The server's CPU time per
/// request, and the ceiling's divided by it (<see cref="CpuRatio"/>), say the same while hardly moving with the machine's load.
/// </summary>
internal sealed record ThroughputResult(
    string Name,
    string Url,
    IReadOnlyList<double> RoundsRequestsPerSecond,
    double RequestsPerSecond,
    double Ratio,
    double? RatioTarget,
    double CpuMicrosecondsPerRequest,
    double CpuRatio,
    double AverageLatencyMs,
    long Errors,
    string? Sessions = null);

/// <summary>
/// An app the targets were set against, measured in the same run on the same machine: the bare Kestrel hello (the
/// ceiling) and the stock MVC template (<c>dotnet new mvc</c>, published the same way), whose home page has no form.
/// </summary>
internal sealed record BaselineResult(string Name, IReadOnlyList<double> BootSamplesMs, double BootMedianMs, double BootCpuMedianMs, ThroughputResult Home, double ResidentMb)
{
    public const string HelloName = "Bare Kestrel hello (the ceiling)";
    public const string StockName = "Stock MVC template";
}

/// <summary>From /proc/PID/status: VmRSS, VmHWM, and VmRSS split into RssAnon, RssFile and RssShmem.</summary>
/// <remarks>
/// <see cref="SharedMb"/> is RssShmem: the JIT's code, which write-xor-execute maps twice through shared memory.
/// </remarks>
internal sealed record MemoryResult(double ResidentMb, double PeakMb, double AnonymousMb, double FileMb, double SharedMb, double CeilingResidentMb, double TargetMb);

/// <summary>Redis commands the app sent while <c>/user</c> was loaded with a session kept in Redis, by command.</summary>
internal sealed record RedisSessionsResult(IReadOnlyDictionary<string, long> Commands, long UserViews, double PerUserView);

internal sealed record HerokuCallsResult(long AccountCalls, long UserViews, double PerUserView, int UnexpectedRequests);

/// <summary>
/// A measure against its target, and the stock MVC template's figure for it where it has one; <see cref="Label"/> is
/// the chart's short name for it.
/// </summary>
internal sealed record Measure(string Name, string Label, double Value, double Target, bool LowerIsBetter, string Shown, string TargetShown, double? Stock = null, string? StockShown = null)
{
    public bool Met => LowerIsBetter ? Value <= Target : Value >= Target;
}
