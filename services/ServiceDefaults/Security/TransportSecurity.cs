using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// TLS rules on top of Kestrel's endpoint settings: plaintext endpoints stay on loopback unless
/// <see cref="TlsOptions.AllowPlaintextOnNetwork"/>, and client certificates are checked against
/// <see cref="TlsOptions.ClientCaPath"/> when it is set.
/// </summary>
public static class TransportSecurity
{
    /// <summary>Configuration key of <see cref="TlsOptions.AllowPlaintextOnNetwork"/>.</summary>
    public const string AllowPlaintextKey = $"{TlsOptions.SectionName}:{nameof(TlsOptions.AllowPlaintextOnNetwork)}";

    /// <summary>Applies the rules; throws, so the service does not start, when an endpoint breaks them.</summary>
    public static TBuilder AddTransportSecurity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var tls = builder.Configuration.GetSection(TlsOptions.SectionName).Get<TlsOptions>() ?? new();
        if (!tls.AllowPlaintextOnNetwork)
        {
            RefusePlaintextOnNetwork(builder.Configuration);
        }

        if (tls.ClientCaPath.Length > 0)
        {
            var path = Path.Combine(builder.Environment.ContentRootPath, tls.ClientCaPath);
            // Read again when the file changes, like Kestrel's own certificate files.
            var roots = CustomRootTrust.LoadReloading(path);
            // Applies to every HTTPS endpoint; an endpoint asks for certificates with its own
            // Kestrel:Endpoints:<name>:ClientCertificateMode.
            builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https =>
                https.ClientCertificateValidation = (certificate, chain, _) =>
                    CustomRootTrust.Validates(certificate, roots.Current, CustomRootTrust.ClientAuthentication, CustomRootTrust.Intermediates(chain))));
        }

        return builder;
    }

    private static void RefusePlaintextOnNetwork(IConfiguration configuration)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            var address = BindingAddress.Parse(url);
            // A Unix socket never leaves the machine.
            if (!address.IsUnixPipe && !string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase) && !IsLoopback(address.Host))
            {
                throw new InvalidOperationException(
                    $"Kestrel endpoint '{endpoint.Key}' ({endpoint.Path}:Url = {url}) would serve plaintext HTTP on a network address. "
                    + $"Use https:// with a certificate ({endpoint.Path}:Certificate:Path and :KeyPath), bind 127.0.0.1, "
                    + $"or set {AllowPlaintextKey}=true when the network itself is trusted (a private container network, a TLS-terminating proxy).");
            }
        }
    }

    /// <summary>Whether a Kestrel host binds only the loopback interface (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c> and names other than localhost do not).</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
