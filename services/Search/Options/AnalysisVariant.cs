namespace SeedSearch.Search.Options;

/// <summary>
/// The stemmed chain of the index. <see cref="SeedSearch"/> is the production choice; the
/// others exist to measure it against (docs/relevance.md) and need a re-index to switch.
/// </summary>
public enum AnalysisVariant
{
    /// <summary>Lower case, synonyms, stopwords with folded forms, light stemmer, then ASCII folding.</summary>
    SeedSearch,
    /// <summary>Lucene's PortugueseAnalyzer (= Elasticsearch "portuguese"): no folding, no synonyms.</summary>
    Portuguese,
    /// <summary>PortugueseAnalyzer followed by ASCII folding.</summary>
    PortugueseFolded,
    /// <summary>The SeedSearch chain with the minimal (RSLP-S, plural-only) stemmer.</summary>
    Minimal,
    /// <summary>The SeedSearch chain with the full RSLP stemmer.</summary>
    Rslp,
    /// <summary>Lucene's BrazilianAnalyzer.</summary>
    Brazilian,
    /// <summary>The SeedSearch chain with the Snowball Portuguese stemmer (Xapian's and PostgreSQL's).</summary>
    Snowball,
}
