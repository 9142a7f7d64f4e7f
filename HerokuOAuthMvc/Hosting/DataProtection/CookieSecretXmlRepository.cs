using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HerokuOAuthMvc.Hosting.DataProtection;

/// <summary>
/// A key ring of exactly one key, computed from <c>COOKIE_SECRET</c> instead of stored: every dyno and every restart
/// computes the same key, so nothing has to be shared but the config var. It never expires and is never rotated by the
/// app (automatic key generation is off); changing <c>COOKIE_SECRET</c> is the rotation, and it signs everyone out.
/// </summary>
public sealed class CookieSecretXmlRepository : IXmlRepository
{
    // Fixed, so the key element is identical on every dyno; long past, so the key is active at once.
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = new(2999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly XElement _key;

    public CookieSecretXmlRepository(string cookieSecret)
    {
        KeyId = CookieSecretKey.KeyId(cookieSecret);
        _key = KeyElement(KeyId, cookieSecret);
    }

    public Guid KeyId { get; }

    public IReadOnlyCollection<XElement> GetAllElements() => [new XElement(_key)];

    public void StoreElement(XElement element, string friendlyName) =>
        throw new NotSupportedException(
            $"The Data Protection key is derived from {KeyRingOptions.CookieSecretVariable} and cannot be stored, rotated or revoked here: change {KeyRingOptions.CookieSecretVariable} instead.");

    // The same element XmlKeyManager writes for a new key, built from the framework's own descriptor.
    private static XElement KeyElement(Guid keyId, string cookieSecret)
    {
        using var masterKey = new Secret(CookieSecretKey.MasterKey(cookieSecret));
        var descriptor = new AuthenticatedEncryptorDescriptor(new AuthenticatedEncryptorConfiguration(), masterKey).ExportToXml();

        return new XElement("key",
            new XAttribute("id", keyId),
            new XAttribute("version", 1),
            new XElement("creationDate", XmlConvert.ToString(Created)),
            new XElement("activationDate", XmlConvert.ToString(Created)),
            new XElement("expirationDate", XmlConvert.ToString(Expires)),
            new XElement("descriptor",
                new XAttribute("deserializerType", descriptor.DeserializerType.AssemblyQualifiedName!),
                descriptor.SerializedDescriptorElement));
    }
}
