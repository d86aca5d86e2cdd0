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

    [Fact]
    public async Task ApplyAsync_UpsertsAndDeletesOfOneId_KeepLogOrderAcrossBatches()
    {
        // MaxBatchSize 2: the changes reach the writer in several batches before the one commit.
        IndexChange[] changes =
        [
            IndexChange.Upsert(TestArticles.Article("gone", "T", "primeira versão")),
            IndexChange.Upsert(TestArticles.Article("back", "T", "primeira versão")),
            IndexChange.Upsert(TestArticles.Article("kept", "T", "primeira versão")),
            IndexChange.Delete("gone"),
            IndexChange.Delete("back"),
            IndexChange.Upsert(TestArticles.Article("back", "T", "segunda versão", hash: "h2")),
        ];

        var (skipped, _) = await _indexer.ApplyAsync(changes, new Dictionary<string, string> { ["log.offset"] = "41" }, CancellationToken.None);

        Assert.Empty(skipped);
        Assert.Null(_index.Index.Get("gone"));
        Assert.Equal("segunda versão", _index.Index.Get("back")!.Body);
        Assert.NotNull(_index.Index.Get("kept"));
        Assert.Equal("41", _index.Index.CommitData["log.offset"]);
    }

    [Fact]
    public async Task ApplyAsync_InvalidChanges_AreSkippedByPositionAndTheRestCommitsWithTheData()
    {
        IndexChange[] changes =
        [
            IndexChange.Upsert(TestArticles.Article("../etc", "T", "id inválido")),
            IndexChange.Upsert(TestArticles.Article("ok", "T", "válido")),
            IndexChange.Upsert(TestArticles.Article("vazio", "T", " ")),
            IndexChange.Delete(""),
            IndexChange.Delete(new string('x', 200)),
        ];

        var (skipped, _) = await _indexer.ApplyAsync(changes, new Dictionary<string, string> { ["log.offset"] = "7" }, CancellationToken.None);

        Assert.Equal([0, 2, 3, 4], skipped.Select(s => s.Position));
        Assert.All(skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Problem)));
        Assert.Equal(1, _index.Index.DocumentCount);

        // The position survives a restart, in the same commit as the article.
        _index.Reopen();
        Assert.Equal("7", _index.Index.CommitData["log.offset"]);
        Assert.NotNull(_index.Index.Get("ok"));
    }

    [Fact]
    public async Task ApplyAsync_UncommittedChangesAndDataLostInACrash_TheLastCommitsPositionRemains()
    {
        await _indexer.ApplyAsync([IndexChange.Upsert(TestArticles.Article("a", "T", "texto"))], new Dictionary<string, string> { ["log.offset"] = "1" },
            CancellationToken.None);
        // Handed to the writer but never committed: what a SIGKILL between batches leaves.
        await _index.Index.UpsertAsync([TestArticles.Article("b", "T", "texto")], CancellationToken.None);

        // The files as a crash leaves them: no closing commit.
        using var copy = new TempDirectory();
        foreach (var file in Directory.GetFiles(_index.Path).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.Copy(file, copy.Combine(Path.GetFileName(file)));
        }

        using var crashed = new TestIndex(copy.Path);
        Assert.Equal("1", crashed.Index.CommitData["log.offset"]);
        Assert.NotNull(crashed.Index.Get("a"));
        Assert.Null(crashed.Index.Get("b"));
    }
}
