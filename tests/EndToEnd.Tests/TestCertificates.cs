using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SeedSearch.ServiceDefaults.Security;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// A private CA, a server certificate for 127.0.0.1/localhost and a client certificate signed by
/// it, written as PEM files to a temporary folder (deleted on dispose).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly TempDirectory _folder;

    private TestCertificates(TempDirectory folder, X509Certificate2 ca, X509Certificate2 client)
    {
        _folder = folder;
        Ca = ca;
        Client = client;
    }

    public string Folder => _folder.Path;

    /// <summary>The CA, without its key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The client certificate with its key, for test channels.</summary>
    public X509Certificate2 Client { get; }

    public string CaPath => Path.Combine(Folder, "ca.crt");

    public string ServerCertificatePath => Path.Combine(Folder, "server.crt");

    public string ServerKeyPath => Path.Combine(Folder, "server.key");

    public string ClientCertificatePath => Path.Combine(Folder, "client.crt");

    public string ClientKeyPath => Path.Combine(Folder, "client.key");

    /// <summary>Makes a CA named <paramref name="name"/> and its server and client certificates.</summary>
    public static TestCertificates Create(string name = "Seed Search test CA")
    {
        var directory = new TempDirectory();
        var folder = directory.Path;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem());

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        Issue(ca, folder, "server", CustomRootTrust.ServerAuthentication, names);
        Issue(ca, folder, "client", CustomRootTrust.ClientAuthentication, names: null);
        var client = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "client.crt"), Path.Combine(folder, "client.key"));
        return new TestCertificates(directory, X509CertificateLoader.LoadCertificate(ca.RawData), client);
    }

    // A leaf certificate for one usage, signed by the CA, written as <name>.crt and <name>.key.
    private static void Issue(X509Certificate2 ca, string folder, string name, Oid usage, SubjectAlternativeNameBuilder? names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(ca, now.AddHours(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(Path.Combine(folder, $"{name}.crt"), signed.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Ca.Dispose();
        Client.Dispose();
        _folder.Dispose();
    }
}
