using Lucene.Net.Index;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Runs one page of a search on a lease: relevance or date order, facet counts over the whole
/// result set, a time budget, and the cursor for the next page.
/// </summary>
public sealed class PageSearch
{
    /// <summary>Most copies listed on a collapsed hit (all are counted).</summary>
    public const int MaxCopiesListed = 20;

    private const int MaxFacetValues = 20;

    // Most ranked hits examined to fill a page of distinct stories: deeper pages of a result set
    // made of very few stories end there.
    private const int MaxCollapsedHits = 10_000;

    private readonly Lucene.Net.Util.Counter _clock;
    private readonly ILogger _logger;

    /// <summary>Creates the page search; <paramref name="time"/> measures time budgets.</summary>
    public PageSearch(TimeProvider time, ILogger logger)
    {
        _clock = SearchClock.For(time);
        _logger = logger;
    }

    /// <summary>
    /// Runs one page on <paramref name="lease"/> and, when there is a next page, pins its snapshot
    /// for it (a last page pins nothing, so the pin limit keeps snapshots walks need). When
    /// the lease is the pinned snapshot of <paramref name="after"/>, a relevance page continues
    /// by search-after and a sorted one by offset in the same ranking, so a walk sees every hit
    /// once; on a newer snapshot (the pinned one expired) it falls back to the cursor's offset.
    /// </summary>
    public IndexPage Run(IndexLease lease, IndexSearchRequest request, SearchCursor? after)
    {
        if (request.CollapseCopies)
        {
            return RunCollapsed(lease, request, after);
        }

        var version = lease.Version;
        var offset = after?.Offset ?? 0;
        var searchAfter = request.Sort == IndexSort.Relevance && lease.Continues(after) ? after : null;
        var wanted = searchAfter is null ? offset + request.PageSize : request.PageSize;
        var facets = request.CountFacets ? new FacetCollector() : null;
        var (docs, partial, exact) = request.Sort == IndexSort.Relevance
            ? TopByRelevance(lease.Searcher, request, wanted, searchAfter, facets)
            : Collect(lease.Searcher, Filtered(request.Query, request.Filter), TopFieldCollector.Create(ByDate(request.Sort), wanted, false, true, false, false),
                facets, request.TimeBudget);
        var page = searchAfter is null ? docs.ScoreDocs.Skip(offset).ToArray() : docs.ScoreDocs;
        var result = ToPage(lease.Searcher, version, docs.TotalHits, exact, page, offset, request.Sort, facets?.Result(MaxFacetValues) ?? [], partial);
        if (result.Next is not null)
        {
            lease.Pin();
        }

        return result;
    }

    /// <summary>
    /// One page of distinct stories: a hit is the best ranked article of its near-duplicate
    /// cluster and lists the others. Ranked hits are read from the top, more each round, until
    /// the page and one more story are found, so a story never shows twice in a walk; pages
    /// continue by their offset in stories, on the pinned snapshot.
    /// </summary>
    private IndexPage RunCollapsed(IndexLease lease, IndexSearchRequest request, SearchCursor? after)
    {
        var offset = after?.Offset ?? 0;
        var wanted = offset + request.PageSize + 1;
        for (var fetch = wanted; ; fetch = Math.Min(fetch * 4, MaxCollapsedHits))
        {
            var facets = request.CountFacets ? new FacetCollector() : null;
            var (docs, partial, exact) = request.Sort == IndexSort.Relevance
                ? TopByRelevance(lease.Searcher, request, fetch, null, facets)
                : Collect(lease.Searcher, Filtered(request.Query, request.Filter), TopFieldCollector.Create(ByDate(request.Sort), fetch, false, true, false, false),
                    facets, request.TimeBudget);
            var leaders = Leaders(lease.Reader, docs.ScoreDocs);
            if (leaders.Count < wanted && docs.ScoreDocs.Length == fetch && !partial && fetch < MaxCollapsedHits)
            {
                continue;
            }

            var page = leaders.Skip(offset).Take(request.PageSize).ToList();
            var clusterTerms = new TermsEnum?[lease.Reader.Leaves.Count];
            var hits = page.Select(leader => Load(lease.Searcher, leader.Hit) with { Copies = Copies(lease, leader, clusterTerms, out var count), CopyCount = count })
                .ToList();
            var next = leaders.Count > offset + page.Count ? new SearchCursor(lease.Version, 0, 0, offset + page.Count) : null;
            if (next is not null)
            {
                lease.Pin();
            }

            return new IndexPage(docs.TotalHits, hits, next, facets?.Result(MaxFacetValues) ?? [], partial, exact);
        }
    }

    // The first hit of each cluster, in rank order (an article without a cluster is its own).
    private static List<(ScoreDoc Hit, string? Cluster)> Leaders(IndexReader reader, ScoreDoc[] ranked)
    {
        var leaders = new List<(ScoreDoc, string?)>(ranked.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var label = new Lucene.Net.Util.BytesRef();
        foreach (var hit in ranked)
        {
            var leaf = reader.Leaves[ReaderUtil.SubIndex(hit.Doc, reader.Leaves)];
            var clusters = leaf.AtomicReader.GetSortedDocValues(IndexFields.Cluster);
            var ord = clusters?.GetOrd(hit.Doc - leaf.DocBase) ?? -1;
            string? cluster = null;
            if (ord >= 0)
            {
                clusters!.LookupOrd(ord, label);
                cluster = label.Utf8ToString();
                if (!seen.Add(cluster))
                {
                    continue;
                }
            }

            leaders.Add((hit, cluster));
        }

        return leaders;
    }

    // The other live articles of a leader's cluster, in index order. Most clusters have one
    // article: a term seek per segment, on enums the page's hits share, tells without a search.
    private static IReadOnlyList<ArticleCopy> Copies(IndexLease lease, (ScoreDoc Hit, string? Cluster) leader, TermsEnum?[] clusterTerms, out int count)
    {
        count = 0;
        if (leader.Cluster is not { } cluster || Members(lease.Reader, new Lucene.Net.Util.BytesRef(cluster), clusterTerms) < 2)
        {
            return [];
        }

        var members = lease.Searcher.Search(new TermQuery(new Term(IndexFields.Cluster, cluster)), MaxCopiesListed + 1, Sort.INDEXORDER);
        count = members.TotalHits - 1;
        return members.ScoreDocs.Where(d => d.Doc != leader.Hit.Doc).Take(MaxCopiesListed).Select(d =>
        {
            var copy = ArticleDocuments.FromDocument(lease.Searcher.Doc(d.Doc, CopyFields));
            return new ArticleCopy(copy.Id, copy.Source, copy.Url, copy.PublishedAt);
        }).ToList();
    }

    // Documents holding the label, deleted ones included (a search then counts the live ones).
    private static int Members(IndexReader reader, Lucene.Net.Util.BytesRef label, TermsEnum?[] clusterTerms)
    {
        var members = 0;
        for (var i = 0; i < clusterTerms.Length && members < 2; i++)
        {
            var terms = clusterTerms[i] ??= reader.Leaves[i].AtomicReader.GetTerms(IndexFields.Cluster)?.GetEnumerator() ?? TermsEnum.EMPTY;
            members += terms.SeekExact(label) ? terms.DocFreq : 0;
        }

        return members;
    }

    private static readonly HashSet<string> CopyFields = [IndexFields.Id, IndexFields.Source, IndexFields.Url, IndexFields.PublishedAt];

    private static ScoredArticle Load(IndexSearcher searcher, ScoreDoc hit) =>
        new(ArticleDocuments.FromDocument(searcher.Doc(hit.Doc)), hit.Score);

    /// <summary>
    /// How many articles match <paramref name="query"/> within <paramref name="filter"/> on
    /// <paramref name="lease"/>: the count of a page, without its stored fields or a pin.
    /// </summary>
    public int Count(IndexLease lease, Query query, Query? filter) =>
        TopByRelevance(lease.Searcher, new IndexSearchRequest(query, filter, IndexSort.Relevance, 1, CountFacets: false), 1, null, null).Docs.TotalHits;

    private static Query Filtered(Query query, Query? filter) => filter is null ? query : new FilteredQuery(query, new QueryWrapperFilter(filter));

    // The parser's plain word queries go to the word scorer (same scores, less overhead); any
    // other shape, or another similarity, to Lucene's scorers.
    private (TopDocs Docs, bool Partial, bool Exact) TopByRelevance(IndexSearcher searcher, IndexSearchRequest request, int wanted, SearchCursor? after,
        FacetCollector? facets)
    {
        var rewritten = searcher.Rewrite(request.Query);
        var filter = request.Filter is null ? null : new QueryWrapperFilter(request.Filter);
        var resumeAfter = after is null ? null : new ScoreDoc(after.DocId, after.Score);
        if (searcher.Similarity is CoordinatedBm25Similarity similarity && WordQuery.TryCreate(rewritten) is { } words)
        {
            var deadline = request.TimeBudget is { Ticks: > 0 } budget
                ? new WordQueryScorer.Deadline(_clock, _clock.Value + Math.Max(1, (long)budget.TotalMilliseconds))
                : (WordQueryScorer.Deadline?)null;
            var (docs, partial, exact) = WordQueryScorer.Search(searcher, similarity, words, filter, wanted, resumeAfter, facets, deadline, request.ExactHits);
            if (partial)
            {
                IndexLog.SearchTimeBudgetExceeded(_logger, request.TimeBudget!.Value.TotalMilliseconds);
            }

            return (docs, partial, exact);
        }

        var top = resumeAfter is null ? TopScoreDocCollector.Create(wanted, false) : TopScoreDocCollector.Create(wanted, resumeAfter, false);
        return Collect(searcher, Filtered(rewritten, request.Filter), top, facets, request.TimeBudget);
    }

    private (TopDocs Docs, bool Partial, bool Exact) Collect(IndexSearcher searcher, Query query, ITopDocsCollector top, FacetCollector? facets,
        TimeSpan? budget)
    {
        ICollector collector = facets is null ? top : MultiCollector.Wrap(top, facets);
        if (budget is { Ticks: > 0 } limit)
        {
            collector = new TimeLimitingCollector(collector, _clock, Math.Max(1, (long)limit.TotalMilliseconds));
        }

        try
        {
            searcher.Search(query, collector);
            return (top.GetTopDocs(), false, true);
        }
        catch (TimeLimitingCollector.TimeExceededException)
        {
            // The collectors keep what they saw: answer with that rather than with nothing.
            IndexLog.SearchTimeBudgetExceeded(_logger, budget!.Value.TotalMilliseconds);
            return (top.GetTopDocs(), true, true);
        }
    }

    private static Sort ByDate(IndexSort sort)
    {
        // Each direction has its own doc values, in which undated articles sort last.
        var field = sort == IndexSort.Newest
            ? new SortField(IndexFields.PublishedAt, SortFieldType.INT64, reverse: true)
            : new SortField(IndexFields.PublishedAtAscending, SortFieldType.INT64);
        return new Sort(field, SortField.FIELD_SCORE);
    }

    private static IndexPage ToPage(IndexSearcher searcher, long version, int totalHits, bool exact, IReadOnlyList<ScoreDoc> page, int offset,
        IndexSort sort, IReadOnlyList<FacetCounts> facets, bool partial)
    {
        var hits = new List<ScoredArticle>(page.Count);
        foreach (var scoreDoc in page)
        {
            hits.Add(Load(searcher, scoreDoc));
        }

        var seen = offset + hits.Count;
        // Sorted walks resume by offset on the pinned snapshot; relevance walks by search-after.
        // A lower-bound total may hide more hits past it: only an empty page ends such a walk.
        SearchCursor? next = hits.Count > 0 && (seen < totalHits || !exact)
            ? sort == IndexSort.Relevance ? new SearchCursor(version, page[^1].Score, page[^1].Doc, seen) : new SearchCursor(version, 0, 0, seen)
            : null;
        return new IndexPage(totalHits, hits, next, facets, partial, exact);
    }
}
