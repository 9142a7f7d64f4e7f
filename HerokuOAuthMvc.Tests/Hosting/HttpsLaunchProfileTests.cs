using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>The HTTPS that the slim builder leaves out and <see cref="HerokuOAuthMvc.Hosting.HerokuWebApplication"/> brings back.</summary>
[Trait("Category", "Slow")]
public sealed class HttpsLaunchProfileTests
{
    /// <summary>
    /// As <c>dotnet run --launch-profile https</c> starts it: its own process (the tests' in-process Kestrel brings its
    /// own HTTPS setup, so only a process shows what the app's builder has), with a certificate from configuration.
    /// </summary>
    [Fact]
    public async Task The_https_launch_profiles_way_of_listening_serves_the_sign_in_page_over_TLS()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var folder = Directory.CreateTempSubdirectory("HerokuOAuthMvc-https-").FullName;
        try
        {
            var pfx = Path.Combine(folder, "localhost.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test"));

            var start = AppAssembly.StartInfo("--urls", "https://127.0.0.1:0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["HOME"] = folder;
            start.Environment["Kestrel__Certificates__Default__Path"] = pfx;
            start.Environment["Kestrel__Certificates__Default__Password"] = "test";

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var address = await ListeningAddressAsync(process.StandardOutput, errors, timeout.Token);
                using var client = new HttpClient(new SocketsHttpHandler
                {
                    SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
                })
                { BaseAddress = address };

                Assert.Contains("Sign in with your Heroku account", await client.GetStringAsync("/", timeout.Token), StringComparison.Ordinal);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Kestrel's "Now listening on: https://127.0.0.1:41234" line, the moment it is written; the app's failure to start
    // (HTTPS not set up) ends the output instead.
    private static async Task<Uri> ListeningAddressAsync(StreamReader output, Task<string> errors, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await output.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
            if (Regex.Match(line, @"Now listening on: (https://127\.0\.0\.1:\d+)") is { Success: true } listening)
            {
                return new Uri(listening.Groups[1].Value);
            }
        }

        throw new Xunit.Sdk.XunitException($"The app stopped without listening on https:\n{string.Join('\n', lines)}\n{await errors}");
    }
}
