using Google.Protobuf;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest.Outbox;

namespace SeedSearch.EndToEnd.Tests.Publishing;

/// <summary>
/// The forwarder between ingest's outbox and search, with both services real: per id the last
/// operation wins and a delete never overtakes an earlier ingest, in one batch or across many;
/// what search refuses goes to the dead letters without holding up the rest.
/// </summary>
public sealed class OutboxForwarderTests
{
    private const string Marker = "zeferinoordem";

    // The breaker opened by search being down closes soon after it is back.
    private static Dictionary<string, string?> IngestSettings(int batchSize) => new()
    {
        ["Publishing:BatchSize"] = $"{batchSize}",
        ["Publishing:BreakerBreakDuration"] = "00:00:00.500",
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(256)]
    public async Task Forward_SeveralOperationsPerIdQueuedWhileSearchDown_LastOperationPerIdWins(int batchSize)
    {
        await using var system = TestSystem.Start(ingestSettings: IngestSettings(batchSize));
        await system.StopSearchAsync();
        var ingest = system.IngestClient;

        // Interleaved so that, with small batches, the operations on one id fall into different batches.
        await IngestAsync(ingest, "ordem-a", 1);
        await IngestAsync(ingest, "ordem-b", 1);
        await IngestAsync(ingest, "ordem-c", 1);
        await IngestAsync(ingest, "ordem-e", 1);
        await IngestAsync(ingest, "ordem-f", 1);
        Assert.True(await DeleteAsync(ingest, "ordem-a"));
        Assert.True(await DeleteAsync(ingest, "ordem-b"));
        Assert.Equal(IngestStatus.Updated, await IngestAsync(ingest, "ordem-c", 2));
        Assert.False(await DeleteAsync(ingest, "ordem-d"));
        Assert.Equal(IngestStatus.Updated, await IngestAsync(ingest, "ordem-e", 2));
        Assert.Equal(IngestStatus.Created, await IngestAsync(ingest, "ordem-b", 2));
        Assert.Equal(IngestStatus.Created, await IngestAsync(ingest, "ordem-d", 1));
        Assert.True(await DeleteAsync(ingest, "ordem-e"));
        Assert.Equal(13, (await ingest.GetStatusAsync(new GetStatusRequest())).OutboxDepth);

        system.StartSearchAgain();
        await Poll.UntilAsync(async () => (await ingest.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0, TimeSpan.FromMinutes(1),
            () => "the outbox never drained");

        // ingest, delete → gone; ingest, delete, ingest → back; ingest twice → the second; a delete of
        // nothing, then ingest → there; ingest twice, delete → gone; one ingest → there.
        await AssertAbsentAsync(system, "ordem-a");
        await AssertVersionAsync(system, "ordem-b", 2);
        await AssertVersionAsync(system, "ordem-c", 2);
        await AssertVersionAsync(system, "ordem-d", 1);
        await AssertAbsentAsync(system, "ordem-e");
        await AssertVersionAsync(system, "ordem-f", 1);
        Assert.Equal(4, (await system.SearchClient.SearchAsync(new SearchRequest { Query = Marker })).TotalHits);
        Assert.Equal(0, (await ingest.GetStatusAsync(new GetStatusRequest())).DeadLetterCount);
    }

    [Fact]
    public async Task DeleteArticle_RightAfterIngestWhileForwarding_NeverOvertakesIt()
    {
        const int count = 20;
        await using var system = TestSystem.Start(ingestSettings: IngestSettings(batchSize: 4));
        var ingest = system.IngestClient;

        // Search is up: each ingest may be in flight, or still waiting, when its delete arrives.
        for (var i = 0; i < count; i++)
        {
            await IngestAsync(ingest, $"apagado-{i:D2}", 1);
            await DeleteAsync(ingest, $"apagado-{i:D2}");
        }

        await IngestAsync(ingest, "ficou", 1, wait: true);

        var found = await system.SearchClient.SearchAsync(new SearchRequest { Query = Marker, PageSize = 100 });
        Assert.Equal(["ficou"], found.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Forward_EntriesSearchRefuses_AreDeadLetteredAndEverythingElseIsIndexed()
    {
        using var data = new TempDirectory();
        var outboxPath = data.Combine("outbox", "ingest.db");
        // Ingest's own validation keeps such entries out today; an outbox written under looser
        // rules (an older version) can still hold them: an empty body, and an id over 128 characters.
        var tooLong = new string('x', 129);
        using (var outbox = new ArticleOutbox(outboxPath, maxDepth: 100, TimeProvider.System))
        {
            outbox.Enqueue([Stored("aceite-1", 1), Stored("recusado", 1, body: ""), Stored("aceite-2", 1)]);
            outbox.EnqueueDelete(tooLong);
            outbox.Enqueue([Stored("aceite-3", 1)]);
        }

        await using var search = TestSystem.StartSearch(data.Combine("index"));
        await using (var ingestHost = TestSystem.StartIngest(search.Address, extra: IngestSettings(batchSize: 256), outboxPath: outboxPath))
        {
            var ingest = new IngestService.IngestServiceClient(ingestHost.Channel);
            GetStatusResponse? status = null;
            await Poll.UntilAsync(async () => (status = await ingest.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0, TimeSpan.FromMinutes(1),
                () => $"the outbox never drained: {status}");

            Assert.Equal(2, status!.DeadLetterCount);
            Assert.Empty(status.LastError);
            var searchClient = new SearchService.SearchServiceClient(search.Channel);
            var found = await searchClient.SearchAsync(new SearchRequest { Query = Marker, PageSize = 10 });
            Assert.Equal(["aceite-1", "aceite-2", "aceite-3"], found.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        }

        // Each dead letter keeps its operation and search's verdict, for an operator to inspect.
        var deadLetters = new List<(string Id, long Op, string Error)>();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = outboxPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, op, error FROM dead_letters ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                deadLetters.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        Assert.Collection(deadLetters,
            upsert =>
            {
                Assert.Equal(("recusado", (long)OutboxOperation.Upsert), (upsert.Id, upsert.Op));
                Assert.StartsWith($"{StatusCode.InvalidArgument}:", upsert.Error, StringComparison.Ordinal);
                Assert.Contains("body", upsert.Error, StringComparison.Ordinal);
            },
            delete =>
            {
                Assert.Equal((tooLong, (long)OutboxOperation.Delete), (delete.Id, delete.Op));
                Assert.StartsWith($"{StatusCode.InvalidArgument}:", delete.Error, StringComparison.Ordinal);
                Assert.Contains("128", delete.Error, StringComparison.Ordinal);
            });
    }

    private static OutboxArticle Stored(string id, int version, string? body = null)
    {
        var article = Article.Create(id, $"Notícia {id}", body ?? Body(id, version), "", "Agência Teste", null, [], $"{id}-{version}");
        return new OutboxArticle(id, article.ContentHash, article.ToByteArray());
    }

    private static string Body(string id, int version) => $"Versão {version} de {id}: o ministro {Marker} anunciou a medida.";

    private static async Task<IngestStatus> IngestAsync(IngestService.IngestServiceClient ingest, string id, int version, bool wait = false) =>
        (await ingest.IngestArticleAsync(new IngestArticleRequest
        {
            Article = new RawArticle { Id = id, Title = $"Notícia {id}", Body = Body(id, version), Source = "Agência Teste" },
            WaitForIndexed = wait,
        })).Status;

    private static async Task<bool> DeleteAsync(IngestService.IngestServiceClient ingest, string id) =>
        (await ingest.DeleteArticleAsync(new Contracts.Ingest.V1.DeleteArticleRequest { Id = id })).Found;

    private static async Task AssertVersionAsync(TestSystem system, string id, int version)
    {
        var stored = await system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = id });
        Assert.Equal(Body(id, version), stored.Article.Body);
    }

    private static async Task AssertAbsentAsync(TestSystem system, string id)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }
}
