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
    /// <summary>Sets <paramref name="handler"/>'s TLS options; paths are relative to <paramref name="contentRoot"/>.</summary>
    public static void Apply(SocketsHttpHandler handler, SearchClientOptions options, string contentRoot)
    {
        if (options.CaPath.Length > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback =
                CustomRootTrust.ServerValidator(CustomRootTrust.Load(Path.Combine(contentRoot, options.CaPath)));
        }

        if (options.ClientCertificatePath.Length > 0)
        {
            var key = options.ClientKeyPath.Length > 0 ? Path.Combine(contentRoot, options.ClientKeyPath) : null;
            handler.SslOptions.ClientCertificates =
                [X509Certificate2.CreateFromPemFile(Path.Combine(contentRoot, options.ClientCertificatePath), key)];
        }
    }
}
