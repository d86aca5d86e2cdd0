using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.UnitTests.Indexing;

public sealed class BatchIndexerTests : IDisposable
{
    private readonly TestIndex _index = new();
    private readonly BatchIndexer _indexer;

    public BatchIndexerTests() =>
        _indexer = new BatchIndexer(_index.Index, Microsoft.Extensions.Options.Options.Create(new IndexOptions { MaxBatchSize = 2 }));

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task IndexAsync_MoreThanOneBatch_ReturnsAStatusPerArticleAndMakesThemSearchable()
    {
        var articles = Enumerable.Range(0, 5).Select(i => TestArticles.Article($"a{i}", "T", $"texto {i}")).ToList();

        var (statuses, version) = await _indexer.IndexAsync(articles.ToAsyncEnumerable(), CancellationToken.None);

        Assert.Equal(Enumerable.Repeat(UpsertStatus.Created, 5), statuses);
        Assert.True(version > 0);
        Assert.Equal(5, _index.Index.DocumentCount);
    }

    [Theory]
    [InlineData("", "corpo", "articles[1].id")]
    [InlineData("ok", "  ", "articles[1].body")]
    public async Task IndexAsync_InvalidArticle_NamesItsPosition(string id, string body, string field)
    {
        var articles = new[] { TestArticles.Article("first", "T", "texto"), TestArticles.Article(id, "T", body) };

        var ex = await Assert.ThrowsAsync<RequestValidationException>(() =>
            _indexer.IndexAsync(articles.ToAsyncEnumerable(), CancellationToken.None));

        Assert.Equal(field, Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task DeleteAsync_TooLongId_IsRejected()
    {
        var ex = await Assert.ThrowsAsync<RequestValidationException>(() =>
            _indexer.DeleteAsync(new string('x', 200), CancellationToken.None));
        Assert.Equal("id", Assert.Single(ex.Errors).Field);
    }
}
