using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Time.Testing;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

/// <summary>
/// Every commit makes a new snapshot and every search with a next page pins its snapshot for
/// page tokens: under steady writes only the newest few may stay pinned, or memory grows with
/// the commit rate. A last page pins nothing.
/// </summary>
public sealed class PageSnapshotTests
{
    private static readonly IndexSearchRequest Everything =
        new(new TermQuery(new Term(IndexFields.Source, "Agência Teste")), null, IndexSort.Relevance, 1, false);

    [Fact]
    public async Task Search_AfterManyCommits_KeepsOnlyTheNewestSnapshotsPinned()
    {
        var time = new FakeTimeProvider();
        using var test = new TestIndex(time: time, maxPinned: 3);
        await test.AddAsync(Article(100));
        for (var i = 0; i < 10; i++)
        {
            await test.AddAsync(Article(i));
            test.Search(Everything, null);
        }

        // Pruning runs at most every few seconds, before a search pins its snapshot.
        time.Advance(TimeSpan.FromSeconds(6));
        var page = test.Search(Everything, null);

        Assert.Equal(3, test.Index.Searchers.PinnedSnapshotCount);
        Assert.Equal(11, page.TotalHits);
    }

    [Fact]
    public async Task Search_WithinTheLimit_KeepsEverySnapshotOfItsLifetime()
    {
        var time = new FakeTimeProvider();
        using var test = new TestIndex(time: time, maxPinned: 64);
        await test.AddAsync(Article(100));
        for (var i = 0; i < 10; i++)
        {
            await test.AddAsync(Article(i));
            test.Search(Everything, null);
        }

        time.Advance(TimeSpan.FromSeconds(6));
        test.Search(Everything, null);

        Assert.Equal(10, test.Index.Searchers.PinnedSnapshotCount);
    }

    [Fact]
    public async Task Search_OnItsLastPage_PinsNothing()
    {
        using var test = new TestIndex();
        await test.AddAsync(Article(1), Article(2));

        var only = test.Search(Everything with { PageSize = 2 }, null);
        Assert.Null(only.Next);
        Assert.Equal(0, test.Index.Searchers.PinnedSnapshotCount);

        var first = test.Search(Everything, null);
        Assert.NotNull(first.Next);
        Assert.Equal(1, test.Index.Searchers.PinnedSnapshotCount);
        var last = test.Search(Everything, first.Next);
        Assert.Null(last.Next);
        Assert.Single(last.Hits);
        Assert.Equal(1, test.Index.Searchers.PinnedSnapshotCount);
    }

    private static IndexedArticle Article(int i) =>
        new($"instantaneo-{i}", $"Notícia {i}", $"Texto da notícia número {i}.", "", "Agência Teste", null, [], $"hash-{i}");
}
