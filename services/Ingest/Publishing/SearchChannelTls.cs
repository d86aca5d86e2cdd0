using System.Security.Cryptography.X509Certificates;
using SeedSearch.Ingest.Options;
using SeedSearch.ServiceDefaults.Security;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// TLS of the channel to search: trust in the CA that signed search's certificate and the client
/// certificate for mutual TLS, from <see cref="SearchClientOptions"/>.
/// </summary>
public static class SearchChannelTls
{
    /// <summary>
    /// Sets <paramref name="handler"/>'s TLS options; paths are relative to <paramref name="contentRoot"/>.
    /// The files are read again when they change, and new connections use what they hold.
    /// </summary>
    public static void Apply(SocketsHttpHandler handler, SearchClientOptions options, string contentRoot)
    {
        if (options.CaPath.Length > 0)
        {
            var roots = CustomRootTrust.LoadReloading(Path.Combine(contentRoot, options.CaPath));
            handler.SslOptions.RemoteCertificateValidationCallback = CustomRootTrust.ServerValidator(() => roots.Current);
        }

        if (options.ClientCertificatePath.Length > 0)
        {
            var certificatePath = Path.Combine(contentRoot, options.ClientCertificatePath);
            var keyPath = options.ClientKeyPath.Length > 0 ? Path.Combine(contentRoot, options.ClientKeyPath) : null;
            var certificate = new ReloadingFileValue<X509Certificate2>(
                () => X509Certificate2.CreateFromPemFile(certificatePath, keyPath), keyPath is null ? [certificatePath] : [certificatePath, keyPath]);
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate.Current;
        }
    }
}
