using Microsoft.Extensions.Time.Testing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.UnitTests.Querying;

/// <summary>
/// The query-of-death limits: each is refused with a field error or bounded. (Query length and
/// page size are covered in <see cref="ArticleSearcherTests"/>.)
/// </summary>
public sealed class QueryLimitsTests : IAsyncLifetime, IDisposable
{
    private const int Articles = 40;

    // Every reading of the clock moves it on by a millisecond: collecting a hit "takes" 1 ms.
    private readonly FakeTimeProvider _time = new() { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    private readonly TestIndex _index;

    public QueryLimitsTests() => _index = new TestIndex(time: _time);

    public Task InitializeAsync() => _index.AddAsync([.. Enumerable.Range(0, Articles)
        .Select(i => TestArticles.Article($"r{i}", $"Relatório {i}", $"O relatório anual número {i} foi publicado."))]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void TimeBudget_RunningOut_ReturnsThePartialResultFlagged()
    {
        var searcher = Searcher(new QueryOptions { TimeBudget = TimeSpan.FromMilliseconds(5) });

        var result = searcher.Search(new SearchQuery("relatório", 10, ""));

        Assert.True(result.Partial);
        Assert.InRange(result.TotalHits, 1, Articles - 1);
        Assert.NotEmpty(result.Hits);
    }

    [Fact]
    public void TimeBudget_Zero_IsOff()
    {
        var searcher = Searcher(new QueryOptions { TimeBudget = TimeSpan.Zero });

        var result = searcher.Search(new SearchQuery("relatório", 10, ""));

        Assert.False(result.Partial);
        Assert.Equal(Articles, result.TotalHits);
    }

    [Fact]
    public void TimeBudget_Enough_IsComplete()
    {
        var searcher = Searcher(new QueryOptions { TimeBudget = TimeSpan.FromSeconds(10) });

        var result = searcher.Search(new SearchQuery("relatório", 10, ""));

        Assert.False(result.Partial);
        Assert.Equal(Articles, result.TotalHits);
    }

    [Fact]
    public void TooManyWords_IsAFieldError()
    {
        var searcher = Searcher(new QueryOptions { MaxQueryWords = 8 });

        Assert.Equal(Articles, searcher.Search(new SearchQuery(string.Join(' ', Enumerable.Repeat("relatório", 8)), 10, "")).TotalHits);
        var ex = Assert.Throws<RequestValidationException>(() => searcher.Search(new SearchQuery(string.Join(' ', Enumerable.Repeat("relatório", 9)), 10, "")));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("query", error.Field);
        Assert.Contains("at most 8 words (got 9)", error.Description);
    }

    [Theory]
    [InlineData("*atório")]
    [InlineData("?elatório")]
    public void LeadingWildcard_InLuceneSyntax_IsAFieldError(string query)
    {
        var ex = Assert.Throws<RequestValidationException>(() => Searcher(new QueryOptions()).Search(new SearchQuery(query, 10, "", Syntax: QuerySyntax.Lucene)));

        Assert.Equal("query", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void OneLetterPrefix_IsNotExpanded()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Searcher(new QueryOptions()).Search(new SearchQuery("r*", 10, "")));

        Assert.Contains("no searchable words", Assert.Single(ex.Errors).Description);
        Assert.Equal(Articles, Searcher(new QueryOptions()).Search(new SearchQuery("re*", 10, "")).TotalHits);
    }

    private ArticleSearcher Searcher(QueryOptions options) =>
        new(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(options));
}
