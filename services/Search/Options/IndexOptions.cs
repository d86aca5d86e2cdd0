using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Search.Options;

/// <summary>Where and how the Lucene index is kept. Section <c>Index</c>.</summary>
public sealed class IndexOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Index";

    /// <summary>
    /// Index directory. A relative path is resolved against the service's content root.
    /// Default <c>data/index</c>.
    /// </summary>
    [Required]
    public string Path { get; set; } = "data/index";

    /// <summary>IndexWriter RAM buffer in megabytes before it flushes a segment. Default 64.</summary>
    [Range(1, 4096)]
    public double RamBufferSizeMb { get; set; } = 64;

    /// <summary>
    /// Articles read from an <c>IndexArticles</c> stream before they are handed to the writer
    /// as one batch (analysed on every core). Default 4096, ingest's forwarding batch: smaller
    /// batches leave cores idle between them.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 4096;
}
