using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.ServiceDefaults;

namespace SeedSearch.EndToEnd.Tests.Faults;

/// <summary>
/// The index directory on a real, small tmpfs that fills up or turns read-only under a running
/// search service: writes are refused with UNAVAILABLE and rolled back, health fails, searches go
/// on from the last commit, and everything ingest acknowledged arrives once the directory takes
/// writes again, with no restart and a clean index.
/// </summary>
public sealed class DiskFaultTests
{
    private const int Committed = 100;
    private const int DuringFault = 100;
    private static readonly TimeSpan FaultTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task IndexArticles_DiskFull_RefusedAsUnavailableAndIndexedOnceSpaceReturns()
    {
        using var disk = TmpfsMount.Create(sizeMb: 16);
        await RunFaultAsync(disk, _ => disk.Fill(), _ => disk.Free());
    }

    [SkippableFact]
    public async Task IndexArticles_ReadOnlyIndexDirectory_RefusedAsUnavailableAndIndexedOnceWritable()
    {
        using var disk = TmpfsMount.Create(sizeMb: 16);
        await RunFaultAsync(disk, disk.MakeReadOnly, disk.MakeWritable);
    }

    [SkippableFact]
    public async Task IndexArticles_NoPermissionToWriteTheIndexDirectory_RefusedAsUnavailableAndIndexedOnceAllowed()
    {
        using var disk = TmpfsMount.Create(sizeMb: 16);
        await RunFaultAsync(disk, disk.DenyWrites, disk.AllowWrites);
    }

    private static async Task RunFaultAsync(TmpfsMount disk, Action<string> fault, Action<string> recover)
    {
        var indexPath = Path.Combine(disk.Path, "index");
        await using var system = TestSystem.Start(
            searchSettings: new Dictionary<string, string?> { ["Index:Path"] = indexPath },
            ingestSettings: new Dictionary<string, string?> { ["Publishing:BatchSize"] = "25", ["Publishing:BreakerBreakDuration"] = "00:00:00.500" });
        using var http = new HttpClient();
        var healthz = new Uri(system.Search.WebAddress, HostingExtensions.HealthPath);
        var health = new Health.HealthClient(system.Search.Channel);
        await ResilienceTests.IngestAsync(system.IngestClient, Enumerable.Range(0, Committed).Select(ResilienceTests.Article), wait: true);

        fault(indexPath);
        var accepted = await ResilienceTests.IngestAsync(system.IngestClient, Enumerable.Range(Committed, DuringFault).Select(ResilienceTests.Article));
        Assert.Equal(DuringFault, accepted.AcceptedCount);

        // Ingest's calls got UNAVAILABLE with search's reason (its status soon names the open
        // circuit instead, which stops the calls); its gRPC client log keeps the reason.
        await Poll.UntilAsync(() => Task.FromResult(system.Ingest.Logs.Dump().Split('\n')
                .Any(line => line.Contains("Status code: 'Unavailable'") && line.Contains("cannot be written"))),
            FaultTimeout, () => $"ingest never saw the refused writes:\n{system.Ingest.Logs.Dump()}");
        var status = await system.IngestClient.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(DuringFault, status.OutboxDepth);

        // A write straight to search is refused as UNAVAILABLE (retry later), not INTERNAL.
        var ex = await Assert.ThrowsAsync<RpcException>(() => IndexOneAsync(system, ResilienceTests.Article(Committed + DuringFault).Id));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("cannot be written", ex.Status.Detail);
        Assert.Contains("searches use the last commit", ex.Status.Detail);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(healthz)).StatusCode);

        // Searches go on from the last commit: everything committed before the fault, nothing after.
        Assert.Equal(Committed, await ResilienceTests.TotalHitsAsync(system.SearchClient));
        var first = await system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = ResilienceTests.Article(0).Id });
        Assert.Contains("número 0", first.Article.Body);

        recover(indexPath);
        await Poll.UntilAsync(async () => (status = await system.IngestClient.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0,
            FaultTimeout, () => $"the outbox never drained after recovery; last status: {status}");
        Assert.Equal(0, status.DeadLetterCount);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(healthz)).StatusCode);
        await NetworkFaultTests.AssertIndexedOnceAsync(system, Committed + DuringFault);

        await system.StopSearchAsync();
        using var directory = FSDirectory.Open(indexPath);
        var check = new CheckIndex(directory).DoCheckIndex();
        Assert.True(check.Clean, $"CheckIndex: {check.TotLoseDocCount} documents would be lost, {check.NumBadSegments} bad segments");
        using var reader = DirectoryReader.Open(directory);
        Assert.Equal(Committed + DuringFault, reader.NumDocs);
    }

    [SkippableFact]
    public async Task IndexAsync_AnotherCallersFailureRolledBackItsUpserts_RefusedInsteadOfAcknowledged()
    {
        using var disk = TmpfsMount.Create(sizeMb: 16);
        var analyzers = new PortugueseAnalyzerFactory(Options.Create(new AnalysisOptions()));
        using var index = new ArticleIndex(Path.Combine(disk.Path, "index"), analyzers, 16, TimeSpan.FromMinutes(1),
            TimeProvider.System, NullLogger<ArticleIndex>.Instance);
        var indexer = new BatchIndexer(index, Options.Create(new SeedSearch.Search.Options.IndexOptions { MaxBatchSize = 1 }));

        // This call's first article is upserted (batches of one) but not yet committed when
        // another caller's commit hits the full disk and rolls every uncommitted upsert back.
        async IAsyncEnumerable<IndexedArticle> ArticlesWithAFailureBetween()
        {
            yield return IndexedArticleFor(1);
            disk.Fill();
            await Assert.ThrowsAsync<IndexUnavailableException>(() => index.CommitAsync(CancellationToken.None));
            disk.Free();
            yield return IndexedArticleFor(2);
        }

        var refused = await Assert.ThrowsAsync<IndexUnavailableException>(() => indexer.IndexAsync(ArticlesWithAFailureBetween(), CancellationToken.None));
        Assert.Contains("send them again", refused.Message);
        Assert.Null(index.Get(IndexedArticleFor(1).Id));

        // Sent again, the same articles are committed and found.
        var (statuses, _) = await indexer.IndexAsync(new[] { IndexedArticleFor(1), IndexedArticleFor(2) }.ToAsyncEnumerable(), CancellationToken.None);
        // The first is written again; the second went to the new writer during the refused call
        // and is committed now.
        Assert.Equal(UpsertStatus.Created, statuses[0]);
        Assert.NotNull(index.Get(IndexedArticleFor(1).Id));
        Assert.NotNull(index.Get(IndexedArticleFor(2).Id));
        Assert.Equal(2, index.DocumentCount);
    }

    private static IndexedArticle IndexedArticleFor(int i) =>
        new($"reversao-{i}", $"Notícia {i}", $"Texto da notícia número {i}.", "", "Agência Teste", null, [], $"hash-{i}");

    private static async Task<IndexArticlesResponse> IndexOneAsync(TestSystem system, string id)
    {
        var index = new IndexService.IndexServiceClient(system.Search.Channel);
        using var call = index.IndexArticles(TestSystem.IndexCredentials);
        await call.RequestStream.WriteAsync(new IndexArticlesRequest { Article = new Article { Id = id, Body = "Escrita direta durante a falha." } });
        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
