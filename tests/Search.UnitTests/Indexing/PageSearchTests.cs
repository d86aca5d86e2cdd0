using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

public sealed class PageSearchTests : IDisposable
{
    private static readonly DateTimeOffset July2021 = DateTimeOffset.Parse("2021-07-20T10:00:00-03:00");
    private static readonly Query Eleicao = new TermQuery(new Term(IndexFields.BodyExact, "eleicao"));

    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task Run_PagesWhileTheIndexChanges_StayOnTheirSnapshot()
    {
        var articles = Enumerable.Range(0, 25).Select(i => TestArticles.Article($"d{i:00}", "Notícia", $"eleição número {i}")).ToArray();
        await _index.AddAsync(articles);

        var seen = new List<string>();
        var page = _index.Search(Request(Eleicao, pageSize: 7));
        seen.AddRange(page.Hits.Select(h => h.Article.Id));

        // New matching articles arrive between pages; the walk must neither repeat nor include them.
        await _index.AddAsync(Enumerable.Range(0, 10).Select(i => TestArticles.Article($"new{i}", "Nova", "eleição extra eleição")).ToArray());
        while (page.Next is not null)
        {
            page = _index.Search(Request(Eleicao, pageSize: 7), page.Next);
            Assert.Equal(25, page.TotalHits);
            seen.AddRange(page.Hits.Select(h => h.Article.Id));
        }

        Assert.Equal(articles.Select(a => a.Id).Order(), seen.Order());
        Assert.Equal(35, _index.Search(Request(Eleicao, pageSize: 1)).TotalHits);
    }

    [Fact]
    public async Task Run_CursorOfAnExpiredSnapshot_ContinuesByOffsetOnTheNewest()
    {
        await _index.AddAsync([.. Enumerable.Range(0, 4).Select(i => TestArticles.Article($"d{i}", "Notícia", $"eleição {i}"))]);
        var all = _index.Search(Request(Eleicao, pageSize: 4)).Hits.Select(h => h.Article.Id).ToList();

        var page = _index.Search(Request(Eleicao, pageSize: 2), new SearchCursor(SearcherVersion: -1, 0, 0, Offset: 2));

        Assert.Equal(all[2..], page.Hits.Select(h => h.Article.Id));
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData(IndexSort.Newest, new[] { "new", "mid", "old", "undated" })]
    [InlineData(IndexSort.Oldest, new[] { "old", "mid", "new", "undated" })]
    public async Task Run_DateSort_OrdersByPublicationWithUndatedLastAcrossPages(IndexSort sort, string[] expected)
    {
        await _index.AddAsync(
            Dated("mid", July2021), Dated("undated", null), Dated("old", July2021.AddYears(-1)), Dated("new", July2021.AddYears(1)));

        var ids = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = _index.Search(Request(Eleicao, pageSize: 3, sort: sort), cursor);
            ids.AddRange(page.Hits.Select(h => h.Article.Id));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Run_WithFacetsAndFilter_CountsEveryMatchingHitNotOnlyThePage()
    {
        await _index.AddAsync(
            TestArticles.Article("a", "T", "eleição") with { Source = "Folha", Tags = ["politica"] },
            TestArticles.Article("b", "T", "eleição") with { Source = "Folha", Tags = ["politica", "economia"] },
            TestArticles.Article("c", "T", "eleição") with { Source = "Globo", Tags = [] });
        var onlyFolha = new TermQuery(new Term(IndexFields.Source, "Folha"));

        var page = _index.Search(new IndexSearchRequest(Eleicao, onlyFolha, IndexSort.Relevance, 1, CountFacets: true));

        Assert.Equal(2, page.TotalHits);
        Assert.Single(page.Hits);
        var sources = page.Facets.Single(f => f.Field == IndexFields.Source).Values;
        var tags = page.Facets.Single(f => f.Field == IndexFields.Tags).Values;
        Assert.Equal([new("Folha", 2L)], sources);
        Assert.Equal([new("politica", 2L), new("economia", 1L)], tags);
    }

    [Fact]
    public async Task Run_TimeBudgetRunsOut_ReturnsWhatWasCollectedMarkedPartial()
    {
        await _index.AddAsync([.. Enumerable.Range(0, 30).Select(i => TestArticles.Article($"d{i}", "Notícia", $"eleição {i}"))]);
        // Each reading of the clock moves it on by a millisecond: collecting a hit "takes" 1 ms.
        var pages = new PageSearch(new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) }, NullLogger.Instance);
        using var lease = _index.Index.Acquire();

        var limited = pages.Run(lease, Request(Eleicao, pageSize: 10) with { TimeBudget = TimeSpan.FromMilliseconds(5) }, null);
        var unlimited = pages.Run(lease, Request(Eleicao, pageSize: 10), null);

        Assert.True(limited.Partial);
        Assert.InRange(limited.TotalHits, 1, 29);
        Assert.False(unlimited.Partial);
        Assert.Equal(30, unlimited.TotalHits);
    }

    [Fact]
    public async Task Run_PinsTheLeaseSnapshotForTheNextPage()
    {
        await _index.AddAsync(TestArticles.Article("a", "T", "eleição"), TestArticles.Article("b", "T", "eleição"));
        using var lease = _index.Index.Acquire();

        var page = _index.Index.Pages.Run(lease, Request(Eleicao, pageSize: 1), null);

        Assert.Equal(lease.Version, page.Next!.SearcherVersion);
        Assert.Equal(1, _index.Index.Searchers.PinnedSnapshotCount);
    }

    [Fact]
    public async Task Count_IsThePagesTotal_WithinTheFilter_AndPinsNothing()
    {
        await _index.AddAsync(TestArticles.Article("a", "T", "eleição"), TestArticles.Article("b", "T", "eleição") with { Source = "Outra" },
            TestArticles.Article("c", "T", "outro assunto"));
        using var lease = _index.Index.Acquire();
        var source = new TermQuery(new Term(IndexFields.Source, "Outra"));

        Assert.Equal(2, _index.Index.Pages.Count(lease, Eleicao, null));
        Assert.Equal(1, _index.Index.Pages.Count(lease, Eleicao, source));
        Assert.Equal(0, _index.Index.Searchers.PinnedSnapshotCount);
    }

    private static IndexSearchRequest Request(Query query, int pageSize, IndexSort sort = IndexSort.Relevance) =>
        new(query, null, sort, pageSize, CountFacets: false);

    private static IndexedArticle Dated(string id, DateTimeOffset? published) =>
        TestArticles.Article(id, "Notícia", "eleição") with { PublishedAt = published };
}
