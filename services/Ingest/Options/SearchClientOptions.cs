using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Ingest.Options;

/// <summary>How ingest reaches the search service. Section <c>Search</c>.</summary>
public sealed class SearchClientOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Search";

    /// <summary>Address of the search service's gRPC endpoint. Default <c>http://127.0.0.1:5100</c>.</summary>
    [Required]
    [Url]
    public string Address { get; set; } = "http://127.0.0.1:5100";

    /// <summary>API key sent to search's write service (<c>Auth:ApiKeys</c> of search); empty sends none.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// PEM file of the CA that signed search's certificate (an <c>https://</c> address). Search's
    /// certificate must then chain to it, not to the system store. Empty: the system store.
    /// </summary>
    public string CaPath { get; set; } = string.Empty;

    /// <summary>PEM client certificate ingest presents when search requires one (mutual TLS). Empty: none.</summary>
    public string ClientCertificatePath { get; set; } = string.Empty;

    /// <summary>PEM private key of <see cref="ClientCertificatePath"/>; empty when the key is in the same file.</summary>
    public string ClientKeyPath { get; set; } = string.Empty;
}
