using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Bench;

/// <summary>
/// A throwaway redis-server on 127.0.0.1 for the bench's sessions-in-Redis mode: TLS only with a self-signed
/// certificate and a password, nothing on disk, as Heroku Key-Value Store serves it (<c>rediss://</c>).
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private const string Password = "bench-p4ss";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly int _port;

    private RedisProcess(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        _port = port;
    }

    public string Url => $"rediss://:{Password}@127.0.0.1:{_port}";

    public static bool IsInstalled => Which("redis-server") is not null && Which("redis-cli") is not null;

    public static async Task<RedisProcess> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("herokuoauthmvc-bench-redis-");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=kvs.heroku.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "redis.crt"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "redis.key"), key.ExportPkcs8PrivateKeyPem());
        }

        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName };
        foreach (var argument in new[]
        {
            "--port", "0", "--tls-port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--tls-cert-file", "redis.crt", "--tls-key-file", "redis.key", "--tls-auth-clients", "no",
            "--requirepass", Password, "--save", "", "--appendonly", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisProcess(process, folder, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await redis.CliAsync("PING")).Trim() == "PONG")
            {
                return redis;
            }

            await Task.Delay(100);
        }

        await redis.DisposeAsync();
        throw new InvalidOperationException("redis-server did not answer within 10 s.");
    }

    /// <summary>Calls of each command since the server started, from <c>INFO commandstats</c>.</summary>
    public async Task<Dictionary<string, long>> CommandCallsAsync() =>
        (await CliAsync("INFO", "commandstats"))
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("cmdstat_", StringComparison.Ordinal))
            .ToDictionary(
                line => line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)],
                line => long.Parse(line[(line.IndexOf("calls=", StringComparison.Ordinal) + "calls=".Length)..].Split(',')[0], CultureInfo.InvariantCulture),
                StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task<string> CliAsync(params string[] command)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--tls", "--insecure", "-h", "127.0.0.1", "-p", _port.ToString(CultureInfo.InvariantCulture), "--no-auth-warning", "-a", Password }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(start)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return output;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
