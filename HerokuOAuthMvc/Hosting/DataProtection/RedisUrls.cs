using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using StackExchange.Redis;

namespace HerokuOAuthMvc.Hosting.DataProtection;

/// <summary>Turns a Heroku Key-Value Store URL (<c>redis://</c> or <c>rediss://user:password@host:port</c>) into client options.</summary>
public static class RedisUrls
{
    public const int DefaultPort = 6379;

    public static bool TryParse(string? url, [NotNullWhen(true)] out ConfigurationOptions? configuration)
    {
        configuration = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
        {
            return false;
        }

        configuration = new ConfigurationOptions
        {
            // A Redis blip at boot must not crash the dyno: the client keeps reconnecting in the background.
            AbortOnConnectFail = false,
            ClientName = "HerokuOAuthMvc",
        };
        configuration.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : DefaultPort);

        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            configuration.User = user.Length > 0 ? user : null;
            configuration.Password = separator < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }

        if (int.TryParse(uri.AbsolutePath.Trim('/'), out var database))
        {
            configuration.DefaultDatabase = database;
        }

        if (uri.Scheme == "rediss")
        {
            configuration.Ssl = true;
            configuration.SslHost = uri.Host;
            configuration.CertificateValidation += AcceptSelfSigned;
        }

        return true;
    }

    // Heroku Key-Value Store presents a self-signed certificate for a host name it does not match, and publishes no CA
    // to pin: the connection is still encrypted, and a certificate is still required.
    private static bool AcceptSelfSigned(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null
        && (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch)) == SslPolicyErrors.None;
}
