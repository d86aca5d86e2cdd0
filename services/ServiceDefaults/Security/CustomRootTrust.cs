using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// Certificate checks against a configured CA instead of the machine's trust store: the server
/// checking client certificates, and a client checking a server signed by a private CA.
/// </summary>
public static class CustomRootTrust
{
    /// <summary>Extended key usage of TLS servers.</summary>
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>Extended key usage of TLS clients.</summary>
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Every certificate of a PEM file (a CA bundle may hold several).</summary>
    public static X509Certificate2Collection Load(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"{path} holds no PEM certificate");
        }

        return roots;
    }

    /// <summary>The certificates of a PEM file, read again when it changes (see <see cref="ReloadingFileValue{T}"/>).</summary>
    public static ReloadingFileValue<X509Certificate2Collection> LoadReloading(string path) => new(() => Load(path), [path]);

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to one of <paramref name="roots"/> and allows
    /// <paramref name="usage"/>. Revocation is not checked: a private CA rarely publishes lists.
    /// </summary>
    public static bool Validates(X509Certificate2 certificate, X509Certificate2Collection roots, Oid usage, X509Certificate2Collection? intermediates = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        if (intermediates is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        return chain.Build(certificate);
    }

    /// <summary>
    /// A TLS client's server check: the name must match (the platform checked it) and the chain
    /// must end at one of <paramref name="roots"/>; the platform's own chain verdict is ignored.
    /// </summary>
    public static RemoteCertificateValidationCallback ServerValidator(X509Certificate2Collection roots) => ServerValidator(() => roots);

    /// <summary>As <see cref="ServerValidator(X509Certificate2Collection)"/>, with the roots as of each check.</summary>
    public static RemoteCertificateValidationCallback ServerValidator(Func<X509Certificate2Collection> roots) =>
        (_, certificate, chain, errors) =>
            certificate is X509Certificate2 server
            && (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
            && Validates(server, roots(), ServerAuthentication, Intermediates(chain));

    /// <summary>Certificates the peer sent besides its own, as candidates for the chain.</summary>
    public static X509Certificate2Collection? Intermediates(X509Chain? chain) =>
        chain is null ? null : new X509Certificate2Collection(chain.ChainPolicy.ExtraStore);
}
