using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Search.Options;

/// <summary>
/// How matches are scored. Section <c>Ranking</c>. Defaults are the values measured best in
/// docs/relevance.md; they apply at query time, so changing them needs no re-index.
/// </summary>
public sealed class RankingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ranking";

    /// <summary>
    /// Weight of the stemmed title field. Default 0.6: with every field of a word summed
    /// (<see cref="TieBreaker"/> 1), a title match is counted in the title fields and again in the
    /// body, and a higher weight let short off-topic titles outrank articles about the query
    /// among 100,000 distractors (docs/relevance.md).
    /// </summary>
    [Range(0, 100)]
    public float TitleWeight { get; set; } = 0.6f;

    /// <summary>Weight of the stemmed body field. Default 1.</summary>
    [Range(0, 100)]
    public float BodyWeight { get; set; } = 1.0f;

    /// <summary>
    /// Weight of the exact (folded, unstemmed) title field. Default 0.3: the word form as typed
    /// breaks ties between stemmed matches instead of outweighing them.
    /// </summary>
    [Range(0, 100)]
    public float TitleExactWeight { get; set; } = 0.3f;

    /// <summary>Weight of the exact body field. Default 0.5.</summary>
    [Range(0, 100)]
    public float BodyExactWeight { get; set; } = 0.5f;

    /// <summary>Weight of the title root (RSLP) field. Default 0.5.</summary>
    [Range(0, 100)]
    public float TitleRootWeight { get; set; } = 0.5f;

    /// <summary>Weight of the body root (RSLP) field. Default 0.5.</summary>
    [Range(0, 100)]
    public float BodyRootWeight { get; set; } = 0.5f;

    /// <summary>
    /// Share of the other fields' scores added to a word's best field (0 = best field only,
    /// 1 = sum of all fields). Default 1: a word found in the title and throughout the body is
    /// evidence an article is about it, which the best field alone throws away.
    /// </summary>
    [Range(0, 1)]
    public float TieBreaker { get; set; } = 1.0f;

    /// <summary>
    /// BM25 term-frequency saturation k1. Default 2 (Lucene's 1.2 saturates after two or three
    /// occurrences, so one passing mention scored nearly as much as an article about the word).
    /// </summary>
    [Range(0, 10)]
    public float Bm25K1 { get; set; } = 2.0f;

    /// <summary>BM25 length normalisation b. Default 0.6 (less penalty for long articles than Lucene's 0.75).</summary>
    [Range(0, 1)]
    public float Bm25B { get; set; } = 0.6f;

    /// <summary>Scale scores by the share of query words a document matches. Default true.</summary>
    public bool Coordination { get; set; } = true;

    /// <summary>
    /// Extra weight for documents where the query's words occur close together (a sloppy
    /// phrase over title and body); 0 turns it off. Default 0.
    /// </summary>
    [Range(0, 100)]
    public float ProximityWeight { get; set; }

    /// <summary>Word distance allowed by the proximity boost. Default 8.</summary>
    [Range(0, 100)]
    public int ProximitySlop { get; set; } = 8;

    /// <summary>
    /// Weight of the spelling neighbours a word no article contains is matched with, relative to
    /// a word that matches as typed (a word that matches as typed never gets them, so exact
    /// matches still rank first). Default 2: the neighbours match in the two exact fields only,
    /// which weigh far less than a word's six fields summed, and at 1 a misspelled word, often
    /// the query's most specific one, counted for less than its other words.
    /// </summary>
    [Range(0, 10)]
    public float TypoWeight { get; set; } = 2.0f;

    /// <summary>
    /// Pseudo-relevance feedback: number of first-round hits whose words expand the query; 0
    /// turns it off. Default 0.
    /// </summary>
    [Range(0, 100)]
    public int FeedbackDocuments { get; set; }

    /// <summary>Words added to the query by feedback. Default 10.</summary>
    [Range(0, 100)]
    public int FeedbackTerms { get; set; } = 10;

    /// <summary>Weight of the feedback words relative to the query's own. Default 0.3.</summary>
    [Range(0, 10)]
    public float FeedbackWeight { get; set; } = 0.3f;

    /// <summary>
    /// Feedback applies only to queries of at most this many words (stopwords not counted):
    /// short keyword queries gain from it, long questions already say what they want. Default 6.
    /// </summary>
    [Range(1, 1000)]
    public int FeedbackMaxWords { get; set; } = 6;
}
