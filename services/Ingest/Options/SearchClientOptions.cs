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
}
