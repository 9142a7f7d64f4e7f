using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HerokuOAuthMvc.Hosting.DataProtection;

/// <summary>The one Data Protection key derived from <c>COOKIE_SECRET</c> with HKDF-SHA256: its id and its master key.</summary>
public static class CookieSecretKey
{
    public const int MinimumEntropyBytes = 32;

    /// <summary>AES-256-CBC with HMACSHA256, Data Protection's default algorithms, takes a 512-bit master key.</summary>
    private const int MasterKeyBytes = 64;

    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("HerokuOAuthMvc.DataProtection");

    /// <summary>
    /// At least 32 random bytes, written as hex (<c>openssl rand -hex 32</c>, or app.json's <c>generator: secret</c>),
    /// base64 (<c>openssl rand -base64 32</c>), or any text of 64 characters or more; a handful of repeated characters
    /// is refused whatever its length.
    /// </summary>
    public static bool HasEnoughEntropy(string secret)
    {
        secret = secret.Trim();
        if (secret.Distinct().Count() < 10)
        {
            return false;
        }

        if (secret.Length % 2 == 0 && secret.All(char.IsAsciiHexDigit))
        {
            return secret.Length / 2 >= MinimumEntropyBytes;
        }

        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var decoded)
            ? decoded >= MinimumEntropyBytes
            : secret.Length >= 2 * MinimumEntropyBytes;
    }

    /// <summary>
    /// Derived from the secret as well, so a new <c>COOKIE_SECRET</c> yields a new key id and old cookies are
    /// reported as made with an unknown key rather than as tampered with.
    /// </summary>
    public static Guid KeyId(string secret) => new(Derive(secret, "key-id", 16));

    public static byte[] MasterKey(string secret) => Derive(secret, "master-key", MasterKeyBytes);

    private static byte[] Derive(string secret, string purpose, int length) =>
        HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            Encoding.UTF8.GetBytes(secret.Trim()),
            length,
            Salt,
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{purpose}/v1")));
}
