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
    public ThroughputResult Ceiling => Throughput.Single(t => t.StockRatioTarget is null);

    [JsonIgnore]
    public BaselineResult Stock => Baselines.Single(b => b.Name == BaselineResult.StockName);

    /// <summary>
    /// Every measure against its target, in the order the table and the chart show them. The targets are issue 17's:
    /// each a ratio to the stock MVC template measured in the same run, so a busy machine slows both alike.
    /// </summary>
    public IEnumerable<Measure> Measures()
    {
        yield return new Measure(FormattableString.Invariant($"Boot: start to first 200 on / (median of {Boot.SamplesMs.Count} cold starts), ÷ stock template's"), "Boot ÷ stock", Boot.StockRatio, Boot.TargetStockRatio, LowerIsBetter: true,
            FormattableString.Invariant($"{Boot.StockRatio:0.00}× ({Boot.MedianMs:0} ms, {Boot.CpuMedianMs:0} ms CPU)"), FormattableString.Invariant($"≤ {Boot.TargetStockRatio:0.00}×"),
            1, FormattableString.Invariant($"{Stock.BootMedianMs:0} ms ({Stock.BootCpuMedianMs:0} ms CPU)"));

        foreach (var page in Throughput.Where(t => t.StockRatioTarget is not null))
        {
            yield return new Measure($"{page.Name}: CPU per request ÷ stock template's GET /", $"GET {page.Url}{(page.Sessions is { } sessions ? $" ({sessions})" : null)} ÷ stock", page.CpuStockRatio, page.StockRatioTarget!.Value, LowerIsBetter: true,
                FormattableString.Invariant($"{page.CpuStockRatio:0.00}× ({page.CpuMicrosecondsPerRequest:0} µs; {page.RequestsPerSecond:#,0} req/s)"), FormattableString.Invariant($"≤ {page.StockRatioTarget:0.00}×"),
                1, FormattableString.Invariant($"{Stock.Home.CpuMicrosecondsPerRequest:0} µs ({Stock.Home.RequestsPerSecond:#,0} req/s)"));
        }

        yield return new Measure("RSS after the throughput runs, ÷ stock template's", "RSS ÷ stock", Memory.StockRatio, Memory.TargetStockRatio, LowerIsBetter: true,
            FormattableString.Invariant($"{Memory.StockRatio:0.00}× ({Memory.ResidentMb:0} MB; peak {Memory.PeakMb:0} MB; {Memory.AnonymousMb:0} MB heap and stacks, {Memory.FileMb:0} MB mapped files)"), FormattableString.Invariant($"≤ {Memory.TargetStockRatio:0.00}×"),
            1, FormattableString.Invariant($"{Stock.ResidentMb:0} MB"));

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

/// <summary>
/// Wall-clock time from process start to the first 200, and the CPU time the app spent getting there;
/// <see cref="StockRatio"/> is the median of each start's ratio to the stock template's start just after it.
/// </summary>
internal sealed record BootResult(IReadOnlyList<double> SamplesMs, double MedianMs, IReadOnlyList<double> CpuSamplesMs, double CpuMedianMs, double StockRatio, double TargetStockRatio);

/// <summary>
/// Requests per second and the server's CPU time per request for one endpoint. <see cref="CpuStockRatio"/> is the median,
/// over the rounds, of its CPU per request divided by the stock template's GET / in the same round; the baselines have
/// no <see cref="StockRatioTarget"/>. CPU time hardly moves with the machine's load, and the ratio even less.
/// </summary>
internal sealed record ThroughputResult(
    string Name,
    string Url,
    IReadOnlyList<double> RoundsRequestsPerSecond,
    double RequestsPerSecond,
    double Ratio,
    double? StockRatioTarget,
    double CpuMicrosecondsPerRequest,
    double CpuRatio,
    double CpuStockRatio,
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
internal sealed record MemoryResult(double ResidentMb, double PeakMb, double AnonymousMb, double FileMb, double SharedMb, double CeilingResidentMb, double StockRatio, double TargetStockRatio);

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
