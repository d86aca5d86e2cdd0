using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

/// <summary>
/// Facets are counted from postings when a segment's hits are dense and from doc values when
/// they are sparse; both must give the same counts.
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
        // Eight of 64 articles: below one hit in sixteen documents only for the next query,
        // so this one still walks postings and the single-hit one reads doc values.
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

    private static IReadOnlyList<KeyValuePair<string, long>> Values(SearchResult result, string field) =>
        result.Facets.Single(f => f.Field == field).Values;
}
