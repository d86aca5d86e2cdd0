using Grpc.Core;

namespace SeedSearch.Importer.Tests;

public sealed class ChunkedImporterTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeUploader _uploader = new();

    public void Dispose() => _folder.Dispose();

    private static string Lines(params string[] ids) =>
        string.Join("\n", ids.Select(id => id.StartsWith('!') ? $$"""{"id":"{{id[1..]}}","body":""}""" : $$"""{"id":"{{id}}","body":"Texto {{id}}."}"""));

    private Task<ImportSummary> ImportAsync(ImportSettings settings, bool dryRun = false) =>
        new ChunkedImporter(dryRun ? null : _uploader, settings with { RetryBaseDelay = TimeSpan.Zero }, new NullProgress(), TimeProvider.System)
            .ImportAsync(Directory.GetFiles(_folder.Path).Order(StringComparer.Ordinal).ToList(), CancellationToken.None);

    [Fact]
    public async Task ImportAsync_MoreArticlesThanChunkSize_SendsOneCallPerChunkInFileOrder()
    {
        _folder.Write("1.jsonl", Lines("a", "b", "c"));
        _folder.Write("2.jsonl", Lines("d", "e"));

        var summary = await ImportAsync(new ImportSettings { ChunkSize = 2 });

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], _uploader.Calls.Select(c => c.Select(a => a.Id).ToArray()));
        Assert.Equal((2, 5L, 5L, 5L, 3), (summary.FilesRead, summary.Sent, summary.Accepted, summary.Created, summary.Chunks));
        Assert.Equal(0, summary.ExitCode);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.ResourceExhausted)]
    public async Task ImportAsync_TransientFailure_ReplaysOnlyTheFailedChunk(StatusCode status)
    {
        _folder.Write("1.jsonl", Lines("a", "b", "c", "d", "e"));
        _uploader.FailCalls[1] = status;

        var summary = await ImportAsync(new ImportSettings { ChunkSize = 2 });

        Assert.Equal([["a", "b"], ["c", "d"], ["c", "d"], ["e"]], _uploader.Calls.Select(c => c.Select(a => a.Id).ToArray()));
        Assert.Equal(5, summary.Sent);
    }

    [Fact]
    public async Task ImportAsync_UnavailableBeyondRetries_FailsWithCountImportedBefore()
    {
        _folder.Write("1.jsonl", Lines("a", "b", "c", "d", "e"));
        foreach (var call in Enumerable.Range(1, 3))
        {
            _uploader.FailCalls[call] = StatusCode.Unavailable;
        }

        var error = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(new ImportSettings { ChunkSize = 2, MaxRetryAttempts = 2 }));

        Assert.Equal(4, _uploader.Calls.Count);
        Assert.Equal(2, error.Summary.Sent);
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Contains("2 articles were imported before", error.Message);
    }

    [Fact]
    public async Task ImportAsync_NonTransientFailure_FailsWithoutRetry()
    {
        _folder.Write("1.jsonl", Lines("a"));
        _uploader.FailCalls[0] = StatusCode.Unauthenticated;

        var error = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(new ImportSettings()));

        Assert.Single(_uploader.Calls);
        Assert.Contains("refused", error.Message);
    }

    [Fact]
    public async Task ImportAsync_RejectedAndMalformedItems_MappedBackToFileAndLine()
    {
        var first = _folder.Write("1.jsonl", Lines("a", "b"));
        var second = _folder.Write("2.jsonl", Lines("c", "!vazio") + "\n{quebrado\n" + Lines("!outro"));

        var summary = await ImportAsync(new ImportSettings { ChunkSize = 3, MaxProblemsShown = 1 });

        Assert.Equal((5L, 3L, 2L, 1L), (summary.Sent, summary.Accepted, summary.RejectedCount, summary.MalformedCount));
        var rejection = Assert.Single(summary.Rejections);
        Assert.Equal(($"{second}:2", "vazio"), (rejection.Location.ToString(), rejection.Id));
        Assert.Equal("article.body is required (article.body: must not be empty)", rejection.Reason);
        Assert.Equal($"{second}:3", Assert.Single(summary.Malformed).Location.ToString());
        Assert.Equal(1, summary.ExitCode);
        Assert.DoesNotContain(first, summary.Rejections.Select(r => r.Location.File));
    }

    [Fact]
    public async Task ImportAsync_DryRun_CountsWithoutSending()
    {
        _folder.Write("1.jsonl", Lines("a", "b") + "\nnot json");

        var summary = await ImportAsync(new ImportSettings(), dryRun: true);

        Assert.Empty(_uploader.Calls);
        Assert.Equal((2L, 0L, 1L), (summary.ArticlesRead, summary.Sent, summary.MalformedCount));
        Assert.True(summary.Bytes > 0);
    }

    [Fact]
    public async Task ImportAsync_DefaultSourceAndContentTypeOverride_AppliedOnlyWhereMeant()
    {
        _folder.Write("1.jsonl", """{"id":"a","body":"x","source":"Própria"}""" + "\n" + """{"id":"b","body":"y"}""");

        await ImportAsync(new ImportSettings { DefaultSource = "Padrão", ContentTypeOverride = "text/html" });

        var sent = Assert.Single(_uploader.Calls);
        Assert.Equal(["Própria", "Padrão"], sent.Select(a => a.Source));
        Assert.Equal(["text/html", "text/html"], sent.Select(a => a.ContentType));
    }
}
