using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

/// <summary>
/// A whole answer (hits, count, facets, feedback, spelling, snippets, completions) comes from
/// one index snapshot: one lease per call, whatever the request asks for.
/// </summary>
public sealed class SearchLeaseTests : IAsyncLifetime, IDisposable
{
    private readonly TestIndex _index = new();
    private readonly ArticleSearcher _searcher;

    public SearchLeaseTests() =>
        _searcher = new ArticleSearcher(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()),
            Microsoft.Extensions.Options.Options.Create(new RankingOptions { FeedbackDocuments = 2 }));

    public async Task InitializeAsync() => await _index.AddAsync([TestArticles.Seed, .. TestArticles.Distractors]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData("ataque cibernético")]
    [InlineData("Exchnage segurança")]
    [InlineData("Exch*")]
    public void Search_OneCall_AcquiresOneLease(string text)
    {
        var before = _index.Index.Searchers.LeasesAcquired;

        var result = _searcher.Search(new SearchQuery(text, 1, ""));

        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
        Assert.NotEmpty(result.Hits);
        Assert.NotEmpty(result.Facets);
    }

    [Fact]
    public void Search_MisspelledQuery_SuggestsOnTheSameLease()
    {
        var before = _index.Index.Searchers.LeasesAcquired;

        var result = _searcher.Search(new SearchQuery("ciberespaçco", 0, ""));

        Assert.Equal("ciberespaço", result.SpellingSuggestion);
        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
    }

    [Fact]
    public void Search_NextPage_AcquiresOneLease()
    {
        var first = _searcher.Search(new SearchQuery("segurança", 1, ""));
        var before = _index.Index.Searchers.LeasesAcquired;

        var second = _searcher.Search(new SearchQuery("segurança", 1, first.NextPageToken));

        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
        Assert.NotEqual(first.Hits[0].Article.Id, second.Hits[0].Article.Id);
    }

    [Fact]
    public void Suggest_OneCall_AcquiresOneLease()
    {
        var before = _index.Index.Searchers.LeasesAcquired;

        var completions = _searcher.Suggest("ataque ciberespa", 10);

        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
        Assert.Contains("ataque ciberespaço", completions.Select(c => c.Text));
    }
}
