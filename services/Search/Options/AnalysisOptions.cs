namespace SeedSearch.Search.Options;

/// <summary>Text analysis settings. Section <c>Analysis</c>.</summary>
public sealed class AnalysisOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Analysis";

    /// <summary>
    /// Optional synonyms file in Solr format (<c>otan, nato</c> per line). Empty uses the
    /// built-in Portuguese news list. Changing synonyms needs a re-index, since they are
    /// applied at index and query time.
    /// </summary>
    public string? SynonymsPath { get; set; }

    /// <summary>The stemmed chain; see <see cref="AnalysisVariant"/>. Default <c>SeedSearch</c>.</summary>
    public AnalysisVariant Variant { get; set; } = AnalysisVariant.SeedSearch;

    /// <summary>
    /// Whether queries also search the exact (folded, unstemmed) fields. Default true; false
    /// measures the stemmed chain alone.
    /// </summary>
    public bool ExactFields { get; set; } = true;

    /// <summary>
    /// Whether queries also search the root fields (full RSLP stemmer, which conflates more
    /// forms than the light one: "investigou" and "investigação"). Default true.
    /// </summary>
    public bool RootFields { get; set; } = true;
}
