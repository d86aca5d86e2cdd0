using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

/// <summary>
/// Facets count every hit per source and tag, whether a query matches most of the index or one
/// article, with or without filters, and across segments and reopens.
/// </summary>
public sealed class FacetCountingTests : IAsyncLifetime, IDisposable
{
    private const int Articles = 64;

    private readonly TestIndex _index = new();
    private readonly ArticleSearcher _searcher;

    public FacetCountingTests() =>
        _searcher = new ArticleSearcher(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()));

    // One segment: every article has "relatório"; every 8th also "auditoria"; the one with
    // "fiscalização" has no source and two tags.
    public Task InitializeAsync() => _index.AddAsync([.. Enumerable.Range(0, Articles).Select(i => TestArticles.Article($"a{i}",
        $"Relatório {i}", i == 5 ? "Relatório de fiscalização." : i % 8 == 0 ? "Relatório de auditoria." : "Relatório anual.") with
        {
            Source = i == 5 ? string.Empty : i % 2 == 0 ? "Par" : "Ímpar",
            Tags = i == 5 ? ["contas", "tcu"] : i % 4 == 0 ? ["contas"] : [],
        })]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void DenseHits_AreCountedPerValue()
    {
        var result = _searcher.Search(new SearchQuery("relatório", 1, ""));

        Assert.Equal(Articles, result.TotalHits);
        Assert.Equal([new("Par", 32), new("Ímpar", 31)], Values(result, "source").OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Equal([new("contas", 17), new("tcu", 1)], Values(result, "tag"));
    }

    [Fact]
    public void SparseHits_AreCountedPerValue()
    {
        var auditoria = _searcher.Search(new SearchQuery("auditoria", 1, ""));
        Assert.Equal([new("Par", 8)], Values(auditoria, "source"));
        Assert.Equal([new("contas", 8)], Values(auditoria, "tag"));

        var single = _searcher.Search(new SearchQuery("fiscalização", 1, ""));
        Assert.Equal(1, single.TotalHits);
        Assert.Empty(Values(single, "source"));
        Assert.Equal([new("contas", 1), new("tcu", 1)], Values(single, "tag"));
    }

    [Fact]
    public void SparseHits_WithFilters_CountOnlyMatchingArticles()
    {
        var result = _searcher.Search(new SearchQuery("relatório", 1, "", Tags: ["tcu"]));

        Assert.Equal(1, result.TotalHits);
        Assert.Equal([new("contas", 1), new("tcu", 1)], Values(result, "tag"));
    }

    [Fact]
    public async Task NewSegmentsAndUpdates_AreCountedAsTheyStandNow()
    {
        Assert.Equal(32, Count(_searcher.Search(new SearchQuery("relatório", 1, "")), "source", "Par"));

        // A second segment, and one article of the first moved from "Par" to it: its old
        // version, still in the first segment's cached ordinals, must no longer count.
        await _index.AddAsync(
            TestArticles.Article("novo", "Relatório novo", "Relatório anual.") with { Source = "Novo", Tags = ["tcu"] },
            TestArticles.Article("a0", "Relatório 0", "Relatório anual.", hash: "h2") with { Source = "Novo", Tags = [] });
        var result = _searcher.Search(new SearchQuery("relatório", 1, ""));

        Assert.Equal(Articles + 1, result.TotalHits);
        Assert.Equal(31, Count(result, "source", "Par"));
        Assert.Equal(2, Count(result, "source", "Novo"));
        Assert.Equal([new("contas", 16), new("tcu", 2)], Values(result, "tag"));
    }

    [Fact]
    public async Task ConcurrentQueries_CountAsOneQueryAlone()
    {
        // The per-segment ordinals are shared by every query: reading them from many threads at
        // once must neither fail nor change a count. Hundreds of values, so that turning
        // ordinals into names reads all over the doc-values files.
        await _index.AddAsync([.. Enumerable.Range(0, 1500).Select(i => TestArticles.Article($"m{i}", $"Relatório {i}",
            i % 3 == 0 ? "Relatório de auditoria." : "Relatório anual.") with
        {
            Source = $"Fonte número {i % 300}",
            Tags = [$"etiqueta-{i % 500}", $"tema-{i % 7}"],
        })]);
        string[] texts = ["relatório", "auditoria", "anual"];
        var alone = texts.ToDictionary(t => t, t => Describe(_searcher.Search(new SearchQuery(t, 1, ""))));

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            Assert.Equal(alone[texts[i % texts.Length]], Describe(_searcher.Search(new SearchQuery(texts[i % texts.Length], 1, "")))));
    }

    private static string Describe(SearchResult result) =>
        string.Join(';', result.Facets.Select(f => f.Field + "=" + string.Join(',', f.Values.Select(v => $"{v.Key}:{v.Value}"))));

    private static long Count(SearchResult result, string field, string value) =>
        Values(result, field).SingleOrDefault(v => v.Key == value).Value;

    private static IReadOnlyList<KeyValuePair<string, long>> Values(SearchResult result, string field) =>
        result.Facets.Single(f => f.Field == field).Values;
}
