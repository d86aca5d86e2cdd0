namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// Transport security of the service's own endpoints. Section <c>Tls</c>. Certificates are set per
/// endpoint with Kestrel's own settings (<c>Kestrel:Endpoints:Grpc:Certificate:Path</c> /
/// <c>:KeyPath</c>, <c>…:ClientCertificateMode</c>).
/// </summary>
public sealed class TlsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Tls";

    /// <summary>
    /// PEM file of the CA (or CAs) that sign client certificates. When set, client certificates
    /// are trusted only if they chain to it (not to the system store) and allow client
    /// authentication. Empty: the system store decides.
    /// </summary>
    public string ClientCaPath { get; set; } = string.Empty;

    /// <summary>
    /// Lets a plaintext (<c>http://</c>) endpoint bind a non-loopback address. Default false: the
    /// service refuses to start, so credentials never cross a network unencrypted by accident.
    /// For containers on a private network or behind a TLS-terminating proxy.
    /// </summary>
    public bool AllowPlaintextOnNetwork { get; set; }
}
