using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

/// <summary>
/// Past <see cref="QueryOptions.ExactTotalHits"/> a relevance search may skip articles that match
/// only a word too common to reach the page: the hits and page walks stay those of an exact
/// search, while the total and facets become lower bounds and the result says so.
/// </summary>
public sealed class TotalHitsRelationTests : IAsyncLifetime, IDisposable
{
    private const int Batches = 4;
    private const int PerBatch = 40;

    private readonly TestIndex _index = new();

    // Several commits, so several segments: pruning starts once a segment has filled the page.
    // Every article has "relatório"; every tenth also "auditoria".
    public async Task InitializeAsync()
    {
        for (var batch = 0; batch < Batches; batch++)
        {
            await _index.AddAsync([.. Enumerable.Range(0, PerBatch).Select(i => TestArticles.Article($"b{batch}-{i}", $"Relatório {batch} {i}",
                i % 10 == 0 ? $"Relatório da auditoria número {i}." : $"Relatório anual número {i}.") with { Source = i % 2 == 0 ? "Par" : "Ímpar" })]);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void PastTheThreshold_TheTotalAndFacetsAreLowerBounds_AndTheHitsExact()
    {
        var exact = Searcher(int.MaxValue).Search(new SearchQuery("auditoria relatório", 3, ""));
        var pruned = Searcher(1).Search(new SearchQuery("auditoria relatório", 3, ""));

        Assert.True(exact.TotalHitsExact);
        Assert.Equal(Batches * PerBatch, exact.TotalHits);
        Assert.False(pruned.TotalHitsExact);
        Assert.InRange(pruned.TotalHits, 3, exact.TotalHits - 1);
        Assert.Equal(exact.Hits.Select(h => (h.Article.Id, h.Score)), pruned.Hits.Select(h => (h.Article.Id, h.Score)));
        Assert.All(pruned.Hits, h => Assert.Contains("auditoria", h.Article.Body, StringComparison.Ordinal));
        var exactCounts = exact.Facets.Single(f => f.Field == "source").Values.ToDictionary(v => v.Key, v => v.Value);
        var prunedCounts = pruned.Facets.Single(f => f.Field == "source").Values;
        Assert.Equal(pruned.TotalHits, prunedCounts.Sum(v => v.Value));
        Assert.All(prunedCounts, v => Assert.InRange(v.Value, 1, exactCounts[v.Key]));
    }

    [Fact]
    public void BelowTheThreshold_EverythingIsExact()
    {
        var result = Searcher(new QueryOptions().ExactTotalHits).Search(new SearchQuery("auditoria relatório", 3, ""));

        Assert.True(result.TotalHitsExact);
        Assert.Equal(Batches * PerBatch, result.TotalHits);
    }

    [Fact]
    public void APageWalk_PastTheThreshold_ListsEveryArticleOnceInTheExactOrder()
    {
        var expected = Walk(Searcher(int.MaxValue));
        var walked = Walk(Searcher(1));

        Assert.Equal(Batches * PerBatch, expected.Count);
        Assert.Equal(expected, walked);
    }

    private static List<(string, float)> Walk(ArticleSearcher searcher)
    {
        var seen = new List<(string, float)>();
        var token = string.Empty;
        do
        {
            var page = searcher.Search(new SearchQuery("auditoria relatório", 7, token));
            seen.AddRange(page.Hits.Select(h => (h.Article.Id, h.Score)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return seen;
    }

    private ArticleSearcher Searcher(int exactTotalHits) =>
        new(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions { ExactTotalHits = exactTotalHits }));
}
