using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.Text;

namespace SeedSearch.Search.Querying;

/// <summary>
/// "Related articles": Lucene's MoreLikeThis over an article's stored title and body, run on one
/// index snapshot. The article itself and every article of its near-duplicate cluster
/// (<see cref="IndexFields.Cluster"/>) are left out, and each other cluster shows only its
/// best-ranked article, so a story reprinted by ten outlets takes one slot. Invalid requests
/// raise <see cref="RequestValidationException"/>, an unknown id <see cref="NotFoundException"/>.
/// </summary>
public sealed class RelatedArticles
{
    /// <summary>Articles per page when the request says 0.</summary>
    public const int DefaultPageSize = 10;

    /// <summary>Largest accepted page size.</summary>
    public const int MaxPageSize = 50;

    /// <summary>Length of the whole list: further down, articles share little more than common words.</summary>
    public const int MaxResults = 100;

    // Every word counts, even once: titles and short wire items rarely repeat one, and the
    // MaxQueryTerms best by tf·idf still favour a long article's recurring subject words.
    internal const int MinTermFrequency = 1;
    // The article itself is one of the documents: a word no other article has finds nothing.
    internal const int MinDocFrequency = 2;
    // Lucene's and Elasticsearch's default; each word is one clause of an OR query.
    internal const int MaxQueryTerms = 25;
    // Drops single letters and digits, keeps acronyms such as "ue" and "pf".
    internal const int MinWordLength = 2;
    // Words in more than this share of the articles ("governo", "disse") say little about a
    // story and have the longest postings to score...
    internal const int CommonWordPercent = 10;
    // ...but on a small index a tenth is a handful of articles, which says nothing yet.
    internal const int MinCommonDocFrequency = 50;

    private static readonly HashSet<string> ClusterOnly = [IndexFields.Cluster];

    private readonly ArticleIndex _index;
    private readonly Analyzer _stemmed;
    private readonly SnippetHighlighter _highlighter;

    /// <summary>Creates the finder over <paramref name="index"/>; text is analysed as the stemmed title and body fields are.</summary>
    public RelatedArticles(ArticleIndex index, PortugueseAnalyzerFactory analyzers, SnippetHighlighter highlighter)
    {
        _index = index;
        _stemmed = analyzers.CreateStemmed();
        _highlighter = highlighter;
    }

    /// <summary>One page of the articles most like <see cref="RelatedQuery.Id"/>, from one index snapshot.</summary>
    public RelatedResult Find(RelatedQuery request)
    {
        request = request with { Id = request.Id.Trim() };
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var cursor = Validate(request, pageSize);
        using var lease = _index.Acquire(cursor);
        var source = TermLookups.FindDocId(lease, request.Id);
        if (source < 0)
        {
            throw new NotFoundException("article", request.Id);
        }

        var like = Like(lease, source);
        if (like.Clauses.Count == 0)
        {
            return new RelatedResult([], string.Empty);
        }

        var query = new BooleanQuery(disableCoord: true)
        {
            { like, Occur.MUST },
            { new TermQuery(new Term(IndexFields.Id, request.Id)), Occur.MUST_NOT },
        };
        if (ClusterOf(lease, source) is { } cluster)
        {
            query.Add(new TermQuery(new Term(IndexFields.Cluster, cluster)), Occur.MUST_NOT);
        }

        // Pages of distinct stories, as Search collapses them; the list ends at MaxResults.
        var offset = cursor?.Offset ?? 0;
        var page = _index.Pages.Run(lease, new IndexSearchRequest(query, null, IndexSort.Relevance, Math.Min(pageSize, MaxResults - offset),
            CountFacets: false, CollapseCopies: true), cursor);
        var highlight = InBothFields(like);
        var hits = page.Hits.Select(hit => new SearchHitResult(hit.Article, hit.Score, _highlighter.Highlight(highlight, hit.Article.Body),
            _highlighter.HighlightTitle(highlight, hit.Article.Title))).ToList();
        // Later pages come from this snapshot while it is pinned, so the walk sees each article once.
        var next = page.Next is { Offset: < MaxResults } more ? PageTokenCodec.Encode(more, request.Key(pageSize)) : string.Empty;
        return new RelatedResult(hits, next);
    }

    private static SearchCursor? Validate(RelatedQuery request, int pageSize)
    {
        var errors = new List<FieldError>();
        if (ArticleIds.Problem(request.Id) is { } problem)
        {
            errors.Add(new("id", problem));
        }

        if (request.PageSize < 0 || request.PageSize > MaxPageSize)
        {
            errors.Add(new("page_size", $"must be between 0 and {MaxPageSize} (got {request.PageSize})"));
        }

        SearchCursor? cursor = null;
        if (!string.IsNullOrEmpty(request.PageToken) && errors.Count == 0)
        {
            if (!PageTokenCodec.TryDecode(request.PageToken, request.Key(pageSize), out cursor, out var tokenError))
            {
                errors.Add(new("page_token", tokenError));
            }
            else if (cursor!.Offset >= MaxResults)
            {
                errors.Add(new("page_token", $"is past the end of the list ({MaxResults} articles)"));
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return cursor;
    }

    private BooleanQuery Like(IndexLease lease, int docId)
    {
        var reader = lease.Reader;
        var moreLikeThis = new MoreLikeThis(reader)
        {
            Analyzer = _stemmed,
            FieldNames = [IndexFields.Title, IndexFields.Body],
            MinTermFreq = MinTermFrequency,
            MinDocFreq = MinDocFrequency,
            MaxDocFreq = Math.Max(MinCommonDocFrequency, (int)((long)reader.NumDocs * CommonWordPercent / 100)),
            MaxQueryTerms = MaxQueryTerms,
            MinWordLen = MinWordLength,
            // Each word weighs by its tf·idf in the article, so the subject leads and stray words trail.
            ApplyBoost = true,
        };
        // Without term vectors it analyses the stored title and body, as the index did.
        return (BooleanQuery)moreLikeThis.Like(docId);
    }

    private static string? ClusterOf(IndexLease lease, int docId) =>
        lease.Searcher.Doc(docId, ClusterOnly).Get(IndexFields.Cluster) is { Length: > 0 } label ? label : null;

    // MoreLikeThis puts each word on the field where it is most common; the highlighter looks
    // for it in both, so the snippet and title mark every word shared with the article.
    private static BooleanQuery InBothFields(BooleanQuery like)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var clause in like.Clauses)
        {
            if (clause.Query is TermQuery term)
            {
                query.Add(new TermQuery(new Term(IndexFields.Title, term.Term.Bytes)) { Boost = term.Boost }, Occur.SHOULD);
                query.Add(new TermQuery(new Term(IndexFields.Body, term.Term.Bytes)) { Boost = term.Boost }, Occur.SHOULD);
            }
        }

        return query;
    }
}
