using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.Importer.Tests;

public sealed class ImporterEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _folder = new();
    private TestSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = TestSystem.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task ImportAsync_MixedFolder_ReportsEveryOutcomeAndValidArticlesAreSearchable()
    {
        _folder.Write("a/nota.txt", "O ornitorrinco Zebedeu fugiu do zoológico de Lisboa.\nOs tratadores procuram-no.");
        _folder.Write("b.html", "<html><body><h1>Quimeras</h1><p>A quimera Valdomira venceu o concurso de poesia.</p></body></html>");
        var feed = _folder.Write("c.jsonl", string.Join("\n",
            """{"id":"feed-1","title":"Astrolábio","body":"O astrolábio Crisóstomo foi restaurado.","source":"Feed"}""",
            """{"id":"feed-2","body":"A caravela Leopoldina chegou ao porto.","published_at":"20 de julho de 2021","tags":["mar"]}""",
            """{"id":"feed-vazio","title":"Sem corpo","body":""}""",
            """{"id":"feed-quebrado","body":""",
            """{"id":"feed-3","body":"O farol Teodoro apagou-se."}"""));
        var files = SeedSearch.ArticleFiles.ArticleFileReader.ExpandPaths([_folder.Path]);
        var importer = new ChunkedImporter(
            new GrpcChunkUploader(new IngestService.IngestServiceClient(_system.Ingest.Channel), apiKey: null, TimeSpan.FromMinutes(1)),
            new ImportSettings { ChunkSize = 2 }, new NullProgress(), TimeProvider.System);

        var summary = await importer.ImportAsync(files, CancellationToken.None);

        Assert.Equal((3, 6L, 5L, 5L, 1L, 1L, 3), (summary.FilesRead, summary.Sent, summary.Accepted, summary.Created,
            summary.RejectedCount, summary.MalformedCount, summary.Chunks));
        var rejection = Assert.Single(summary.Rejections);
        Assert.Equal(($"{feed}:3", "feed-vazio"), (rejection.Location.ToString(), rejection.Id));
        Assert.Contains("article.body", rejection.Reason);
        Assert.Equal($"{feed}:4", Assert.Single(summary.Malformed).Location.ToString());
        Assert.Equal(1, summary.ExitCode);

        await AssertFoundAsync("Zebedeu ornitorrinco");
        await AssertFoundAsync("Valdomira");
        Assert.Equal("feed-1", await AssertFoundAsync("Crisóstomo"));
        Assert.Equal("feed-2", await AssertFoundAsync("Leopoldina"));
        Assert.Equal("feed-3", await AssertFoundAsync("Teodoro"));

        var again = await importer.ImportAsync(files, CancellationToken.None);

        Assert.Equal((5L, 0L, 5L), (again.Accepted, again.Created, again.Unchanged));
        Assert.Empty(_system.Errors);
    }

    /// <summary>Polls Search until exactly one article matches <paramref name="query"/>; returns its id.</summary>
    private async Task<string> AssertFoundAsync(string query)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var result = await _system.SearchClient.SearchAsync(new SearchRequest { Query = query });
            if (result.Hits.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(result.Hits).Id;
            }

            await Task.Yield();
        }
    }
}
