using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HerokuOAuthMvc.Hosting.DataProtection;
using StackExchange.Redis;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A throwaway redis-server on a free loopback port, keeping nothing on disk: the test's Heroku Key-Value Store.
/// Like the real one it speaks TLS only, with a self-signed certificate for a host name that is not the one dialled.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _certificates;

    private RedisServer(Process process, DirectoryInfo certificates, int port, ConnectionMultiplexer connection)
    {
        _process = process;
        _certificates = certificates;
        Port = port;
        Connection = connection;
    }

    public static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);

    public int Port { get; }

    /// <summary>As Heroku sets <c>REDIS_URL</c>: <c>rediss://</c> with an empty user and a password.</summary>
    public string Url => $"rediss://:{Password}@127.0.0.1:{Port}";

    /// <summary>The test's own connection, made the way the app makes it, to look at what the app stored.</summary>
    public ConnectionMultiplexer Connection { get; }

    private static string Password => "p4ss-w0rd";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException("redis-server is required: apt-get install redis-server.");
        var port = LoopbackPort.Free();
        var certificates = Directory.CreateTempSubdirectory("redis-tls-");
        var (certificate, key) = WriteSelfSignedCertificate(certificates);

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--port", "0", "--tls-port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--tls-cert-file", certificate, "--tls-key-file", key, "--tls-auth-clients", "no",
            "--requirepass", Password, "--save", "", "--appendonly", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // redis-server says when it is ready on stdout; until then a connection would be refused.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var timeout = giveUp.Token.Register(() => ready.TrySetCanceled());
        var exited = process.WaitForExitAsync();
        await Task.WhenAny(ready.Task, exited);
        if (!ready.Task.IsCompletedSuccessfully)
        {
            var why = exited.IsCompleted ? $"exited with {process.ExitCode}" : "was not ready within 15 s";
            process.Kill();
            Assert.Fail($"redis-server {why}:\n{string.Join('\n', output)}");
        }

        Assert.True(RedisUrls.TryParse($"rediss://:{Password}@127.0.0.1:{port}", out var options));
        options.AbortOnConnectFail = true;
        options.AllowAdmin = true;
        return new RedisServer(process, certificates, port, await ConnectionMultiplexer.ConnectAsync(options));

        void Record(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
                if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        }
    }

    /// <summary>Freezes the server (SIGSTOP), as an unreachable Key-Value Store: connections stay open, nothing answers.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Lets a paused server answer again (SIGCONT), with everything it held.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>How many times each command was called since the server started, from <c>INFO commandstats</c>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CommandCallsAsync()
    {
        var info = await Connection.GetServer(Connection.GetEndPoints()[0]).InfoAsync("commandstats");
        return info.SelectMany(group => group)
            .ToDictionary(
                stat => stat.Key["cmdstat_".Length..],
                stat => long.Parse(stat.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture),
                StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ResumeAsync();
        }

        await Connection.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _certificates.Delete(recursive: true);
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static (string Certificate, string Key) WriteSelfSignedCertificate(DirectoryInfo folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kvs.heroku.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(folder.FullName, "redis.crt");
        var keyPath = Path.Combine(folder.FullName, "redis.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
