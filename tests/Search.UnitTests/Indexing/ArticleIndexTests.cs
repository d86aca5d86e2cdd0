using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

public sealed class ArticleIndexTests : IDisposable
{
    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task UpsertAsync_NewSameAndChangedContent_ReportsCreatedUnchangedUpdated()
    {
        var created = await _index.AddAsync(TestArticles.Article("a", "Título", "Texto um", hash: "h1"));
        var unchanged = await _index.AddAsync(TestArticles.Article("a", "Título", "Texto um", hash: "h1"));
        var updated = await _index.AddAsync(TestArticles.Article("a", "Título", "Texto dois", hash: "h2"));

        Assert.Equal([UpsertStatus.Created], created);
        Assert.Equal([UpsertStatus.Unchanged], unchanged);
        Assert.Equal([UpsertStatus.Updated], updated);
        Assert.Equal(1, _index.Index.DocumentCount);
        Assert.Equal("Texto dois", _index.Index.Get("a")!.Body);
    }

    [Fact]
    public async Task UpsertAsync_SameIdTwiceInOneBatch_KeepsTheLastVersion()
    {
        var statuses = await _index.AddAsync(
            TestArticles.Article("a", "T", "primeira", hash: "h1"),
            TestArticles.Article("a", "T", "segunda", hash: "h2"));

        Assert.Equal([UpsertStatus.Created, UpsertStatus.Updated], statuses);
        Assert.Equal(1, _index.Index.DocumentCount);
        Assert.Equal("segunda", _index.Index.Get("a")!.Body);
    }

    [Fact]
    public async Task UpsertAsync_AcrossUncommittedBatches_SeesEarlierBatch()
    {
        await _index.Index.UpsertAsync([TestArticles.Article("a", "T", "um", hash: "h1")], CancellationToken.None);
        var second = await _index.Index.UpsertAsync([TestArticles.Article("a", "T", "um", hash: "h1")], CancellationToken.None);

        Assert.Equal([UpsertStatus.Unchanged], second);
    }

    [Fact]
    public async Task UpsertAsync_AcrossUncommittedBatches_DecidesWithoutReopeningTheSearcher()
    {
        await _index.Index.UpsertAsync([TestArticles.Article("a", "T", "um", hash: "h1")], CancellationToken.None);
        var second = await _index.Index.UpsertAsync(
            [TestArticles.Article("a", "T", "dois", hash: "h2"), TestArticles.Article("b", "T", "três", hash: "h1")], CancellationToken.None);

        Assert.Equal([UpsertStatus.Updated, UpsertStatus.Created], second);
        // The batches flushed no segment for the searcher: it still sees nothing.
        Assert.Equal(0, _index.Index.DocumentCount);

        await _index.Index.CommitAsync(CancellationToken.None);
        Assert.Equal(2, _index.Index.DocumentCount);
        Assert.Equal("dois", _index.Index.Get("a")!.Body);
        Assert.Equal([UpsertStatus.Unchanged], await _index.Index.UpsertAsync([TestArticles.Article("a", "T", "dois", hash: "h2")], CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_OfAnUncommittedUpsert_FindsIt_AndALaterUpsertIsCreated()
    {
        await _index.Index.UpsertAsync([TestArticles.Article("a", "T", "um")], CancellationToken.None);

        Assert.True(await _index.Index.DeleteAsync("a", CancellationToken.None));
        Assert.Equal([UpsertStatus.Created], await _index.Index.UpsertAsync([TestArticles.Article("a", "T", "um")], CancellationToken.None));
        Assert.True(await _index.Index.DeleteAsync("a", CancellationToken.None));
        Assert.False(await _index.Index.DeleteAsync("a", CancellationToken.None));
        Assert.Equal(0, _index.Index.DocumentCount);
    }

    [Fact]
    public async Task CommitAsync_ThenReopen_KeepsEveryArticleAndField()
    {
        await _index.AddAsync(TestArticles.Seed);

        _index.Reopen();

        var stored = _index.Index.Get(TestArticles.SeedId);
        Assert.Equal(TestArticles.Seed with { Tags = stored!.Tags }, stored);
        Assert.Equal(TestArticles.Seed.Tags, stored.Tags);
    }

    [Fact]
    public async Task UpsertAsync_WithoutCommit_IsLostOnReopen()
    {
        await _index.AddAsync(TestArticles.Article("kept", "T", "guardado"));
        await _index.Index.UpsertAsync([TestArticles.Article("pending", "T", "pendente")], CancellationToken.None);

        // Simulate a crash: drop the writer without its closing commit by copying the directory.
        using var copy = new TempDirectory();
        foreach (var file in Directory.GetFiles(_index.Path).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.Copy(file, copy.Combine(Path.GetFileName(file)));
        }

        using var crashed = new TestIndex(copy.Path);
        Assert.NotNull(crashed.Index.Get("kept"));
        Assert.Null(crashed.Index.Get("pending"));
    }

    [Fact]
    public async Task DeleteAsync_ExistingAndMissing_ReportsFoundAndRemoves()
    {
        await _index.AddAsync(TestArticles.Article("a", "T", "texto"));

        Assert.True(await _index.Index.DeleteAsync("a", CancellationToken.None));
        Assert.False(await _index.Index.DeleteAsync("a", CancellationToken.None));
        Assert.Null(_index.Index.Get("a"));
        Assert.Equal(0, _index.Index.DocumentCount);
    }

    [Fact]
    public async Task Acquire_AfterCommit_SeesTheCommittedVersionAndDocuments()
    {
        await _index.Index.UpsertAsync([TestArticles.Article("a", "T", "texto")], CancellationToken.None);
        var version = await _index.Index.CommitAsync(CancellationToken.None);

        using var lease = _index.Index.Acquire();

        Assert.Equal(version, lease.Version);
        Assert.Equal(1, lease.Reader.NumDocs);
    }
}
