using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Search.Options;

/// <summary>Near-duplicate clustering of articles at indexing time. Section <c>Duplicates</c>.</summary>
public sealed class DuplicateOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Duplicates";

    /// <summary>Whether new and changed articles are clustered. Default true; articles indexed while off stay unclustered.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Estimated Jaccard similarity of two articles. 4-word shingles (title and body) from which they are copies of
    /// one story. Default 0.6: one changed sentence in five still counts, a different story sharing
    /// its template paragraphs does not (docs/near-duplicates.md has the measured precision).
    /// </summary>
    [Range(0.3, 1.0)]
    public double MinSimilarity { get; set; } = 0.6;

    /// <summary>Articles with fewer words (title and body) are never clustered: short notes share too much by chance. Default 40.</summary>
    [Range(4, 100_000)]
    public int MinWords { get; set; } = 40;
}
