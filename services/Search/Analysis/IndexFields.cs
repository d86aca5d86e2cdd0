namespace SeedSearch.Search.Analysis;

/// <summary>
/// Field names of the index. Text is indexed twice: stemmed (recall across inflections) and
/// exact (folded, unstemmed, no stopwords: precise matches, phrases with stopwords, prefixes).
/// </summary>
public static class IndexFields
{
    /// <summary>Article id; the upsert key.</summary>
    public const string Id = "id";
    /// <summary>Title, stemmed analysis; stored.</summary>
    public const string Title = "title";
    /// <summary>Title, exact analysis.</summary>
    public const string TitleExact = "title_exact";
    /// <summary>Body, stemmed analysis; stored.</summary>
    public const string Body = "body";
    /// <summary>Body, exact analysis.</summary>
    public const string BodyExact = "body_exact";

    /// <summary>Title under the full RSLP stemmer, which conflates more word forms ("investigou", "investigação").</summary>
    public const string TitleRoot = "title_root";

    /// <summary>Body under the full RSLP stemmer.</summary>
    public const string BodyRoot = "body_root";
    /// <summary>Canonical URL; stored only.</summary>
    public const string Url = "url";
    /// <summary>Source name; stored and indexed as one term.</summary>
    public const string Source = "source";
    /// <summary>Publication time in Unix milliseconds; stored, indexed, and as doc values (undated: <see cref="long.MinValue"/>).</summary>
    public const string PublishedAt = "published_at";
    /// <summary>Publication time as an ascending sort key (undated: <see cref="long.MaxValue"/>).</summary>
    public const string PublishedAtAscending = "published_at_asc";
    /// <summary>Tags; stored and indexed as single terms.</summary>
    public const string Tags = "tag";
    /// <summary>SHA-256 of the normalised content; stored only.</summary>
    public const string ContentHash = "content_hash";

    /// <summary>Words of title and body as "folded\u0001surface" terms, for completions.</summary>
    public const string Suggest = "suggest";
    /// <summary>Whole title as one "folded\u0001title" term, for completions.</summary>
    public const string TitleKey = "title_key";
    /// <summary>Near-duplicate cluster label: articles with the same label are copies of one story.</summary>
    public const string Cluster = "cluster";
    /// <summary>Locality-sensitive band keys of the article's MinHash signature: near-copies share one.</summary>
    public const string DuplicateBands = "dup_band";
    /// <summary>The article's MinHash signature (doc values), to confirm a shared band key.</summary>
    public const string DuplicateSignature = "dup_sig";

    /// <summary>True for fields analysed with the exact chain.</summary>
    public static bool IsExact(string field) => field is TitleExact or BodyExact;
}
