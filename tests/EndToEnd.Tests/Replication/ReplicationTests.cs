using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Replication;
using IngestDelete = SeedSearch.Contracts.Ingest.V1.DeleteArticleRequest;

namespace SeedSearch.EndToEnd.Tests.Replication;

/// <summary>
/// Search replicas fed from the article log on a real RabbitMQ node: ingest appends, every replica
/// applies the same records in the same order and commits its position with its index.
/// </summary>
public sealed class ReplicationTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Start = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Converge = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task TwoReplicas_FedThroughIngest_ConvergeToTheSameArticles()
    {
        Skip.If(broker.Missing is not null, broker.Missing);
        using var data = new TempDirectory();
        var log = broker.LogSettings($"articles-{Guid.NewGuid():N}");
        await using var replicaA = SearchProcess.Start(data.Combine("a"), data.Combine("a.log"), log);
        await using var replicaB = SearchProcess.Start(data.Combine("b"), data.Combine("b.log"), log);
        // Ingest never calls search here: an address nothing listens on proves it.
        await using var ingest = IngestProcess.Start(new Dictionary<string, string>(log)
        {
            ["Search:Address"] = $"http://127.0.0.1:{LoopbackPorts.Take()}",
            ["Seeds:Path"] = "",
            ["Outbox:Path"] = data.Combine("outbox", "ingest.db"),
            ["Publishing:BatchSize"] = "64",
            // Batches larger than the confirm window: published a window at a time.
            ["ArticleLog:MaxUnconfirmed"] = "16",
        }, data.Combine("ingest.log"));
        await Task.WhenAll(replicaA.WaitUntilServingAsync(Start, CancellationToken.None), replicaB.WaitUntilServingAsync(Start, CancellationToken.None),
            ingest.WaitUntilServingAsync(Start, CancellationToken.None));
        var ingestClient = new IngestService.IngestServiceClient(ingest.Channel);

        // 300 articles in bulk, then 30 of them changed one by one and 20 deleted.
        using (var call = ingestClient.IngestArticles())
        {
            for (var i = 0; i < 300; i++)
            {
                await call.RequestStream.WriteAsync(new IngestArticlesRequest { WaitForIndexed = true, Article = Raw(i, "primeira versão") });
            }

            await call.RequestStream.CompleteAsync();
            Assert.Equal(300, (await call).CreatedCount);
        }

        for (var i = 0; i < 30; i++)
        {
            await ingestClient.IngestArticleAsync(new IngestArticleRequest { Article = Raw(i * 10, "segunda versão") });
        }

        for (var i = 0; i < 20; i++)
        {
            await ingestClient.DeleteArticleAsync(new IngestDelete { Id = Id((i * 15) + 1) });
        }

        var expected = Enumerable.Range(0, 300).Where(i => i % 15 != 1 || i / 15 >= 20).Select(Id).ToHashSet();
        var statusA = await ConvergedAsync(replicaA, replicaB, ingestClient, expected.Count);

        var a = IndexContents.Read(data.Combine("a"));
        var b = IndexContents.Read(data.Combine("b"));
        Assert.Equal(expected.Order(), a.Hashes.Keys.Order());
        Assert.Equal(a.Hashes.OrderBy(p => p.Key), b.Hashes.OrderBy(p => p.Key));
        // The offset committed with the index is the one the replica reports.
        Assert.Equal(statusA.AppliedOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), a.CommitData[ArticleLogReplicator.OffsetKey]);
        foreach (var replica in new[] { replicaA, replicaB })
        {
            var stored = await new SearchService.SearchServiceClient(replica.Channel).GetArticleAsync(new GetArticleRequest { Id = Id(290) });
            Assert.Contains("segunda versão", stored.Article.Body);
        }
    }

    [SkippableFact]
    public async Task Replica_KilledWhileApplying_ResumesFromItsStoredOffsetWithNothingLostOrAppliedTwice()
    {
        Skip.If(broker.Missing is not null, broker.Missing);
        using var data = new TempDirectory();
        var stream = $"articles-{Guid.NewGuid():N}";
        // Small batches: many commits, so the kill lands between some of them.
        var log = new Dictionary<string, string>(broker.LogSettings(stream)) { ["ArticleLog:Prefetch"] = "50" };
        const int Total = 3000;
        // Records 2000-2999 update the first 1000 articles: replaying any of them twice would not
        // show in the index, only in the replica's count of applied records.
        byte[] Record(int i) => BrokerFixture.Upsert(Id(i % 2000), $"Texto {i} sobre a reforma tributária.");

        var indexPath = data.Combine("index");
        long killedAt;
        await using (var first = SearchProcess.Start(indexPath, data.Combine("first.log"), log))
        {
            await first.WaitUntilServingAsync(Start, CancellationToken.None);
            var client = new SearchService.SearchServiceClient(first.Channel);
            // Appended while the replica applies; the kill comes before the last third exists.
            for (var chunk = 0; chunk < 20; chunk++)
            {
                await broker.PublishAsync(stream, Enumerable.Range(chunk * 100, 100).Select(Record));
            }

            await Poll.UntilAsync(async () => (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).Replication.AppliedOffset >= 500,
                Converge, () => $"replica never reached offset 500; see {first.LogPath}");
            killedAt = (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).Replication.AppliedOffset;
            // DisposeAsync is the SIGKILL.
        }

        await broker.PublishAsync(stream, Enumerable.Range(2000, Total - 2000).Select(Record));
        var stored = long.Parse(IndexContents.Read(indexPath).CommitData[ArticleLogReplicator.OffsetKey], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stored, killedAt, 1999);
        Assert.True(IndexContents.Check(indexPath).Clean);

        await using var second = SearchProcess.Start(indexPath, data.Combine("second.log"), log);
        await second.WaitUntilServingAsync(Start, CancellationToken.None);
        var search = new SearchService.SearchServiceClient(second.Channel);
        ReplicationStatus status = new();
        await Poll.UntilAsync(async () => (status = (await search.GetIndexStatusAsync(new GetIndexStatusRequest())).Replication).AppliedOffset == Total - 1,
            Converge, () => $"applied {status.AppliedOffset}; see {second.LogPath}");

        Assert.Equal(stored + 1, status.ResumedFromOffset);
        Assert.Equal(Total - 1 - stored, status.RecordsApplied);
        Assert.Equal(0, status.RecordsRejected);
        Assert.Equal(0, status.Lag);
        var contents = IndexContents.Read(indexPath);
        Assert.Equal(2000, contents.Hashes.Count);
        Assert.True(IndexContents.Check(indexPath).Clean);
        var last = await search.GetArticleAsync(new GetArticleRequest { Id = Id(999) });
        Assert.Equal($"Texto {2999} sobre a reforma tributária.", last.Article.Body);
    }

    [SkippableFact]
    public async Task Replica_HostileRecordsInTheLog_AreSkippedAndCountedWhileTheRestIsApplied()
    {
        Skip.If(broker.Missing is not null, broker.Missing);
        using var data = new TempDirectory();
        var stream = $"articles-{Guid.NewGuid():N}";
        byte[][] records =
        [
            BrokerFixture.Upsert("bom-1", "Primeira notícia válida."),
            [0xff, 0xff, 0xff, 0x01],                                   // not a protobuf message
            [],                                                       // an empty record: no change
            BrokerFixture.Upsert("../../etc", "Um id que não é um id."),   // invalid id
            BrokerFixture.Upsert("sem-corpo", "   "),                  // empty body
            BrokerFixture.Delete(""),                                 // delete without an id
            BrokerFixture.Delete(new string('x', 5000)),              // an id far too long
            BrokerFixture.Upsert("bom-2", "Segunda notícia válida."),
            BrokerFixture.Delete("bom-1"),
        ];
        await broker.PublishAsync(stream, records);
        await using var replica = SearchProcess.Start(data.Combine("index"), data.Combine("search.log"), broker.LogSettings(stream));
        await replica.WaitUntilServingAsync(Start, CancellationToken.None);
        var client = new SearchService.SearchServiceClient(replica.Channel);

        ReplicationStatus status = new();
        await Poll.UntilAsync(async () => (status = (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).Replication).AppliedOffset == records.Length - 1,
            Converge, () => $"applied {status.AppliedOffset}; see {replica.LogPath}");

        Assert.Equal(6, status.RecordsRejected);
        Assert.Equal(3, status.RecordsApplied);
        Assert.True(status.Connected);
        Assert.Equal(["bom-2"], IndexContents.Read(data.Combine("index")).Hashes.Keys);

        // A replica takes writes from the log only: a direct write is refused, not applied to one copy.
        var write = new Contracts.Search.V1.IndexService.IndexServiceClient(replica.Channel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => write.DeleteArticleAsync(
            new Contracts.Search.V1.DeleteArticleRequest { Id = "bom-2" }, TestSystem.IndexCredentials).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains(stream, refused.Status.Detail);
        Assert.Equal(1, (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).DocumentCount);
    }

    [SkippableFact]
    public async Task Ingest_BrokerKilled_KeepsAcceptingAndPublishesEverythingOnceItIsBack()
    {
        Skip.If(broker.Missing is not null, broker.Missing);
        using var data = new TempDirectory();
        // A node of this test's own, to kill: the shared one serves the other tests.
        await using var node = await RabbitMqNode.StartSingleAsync(data.Combine("rabbitmq"), TimeSpan.FromMinutes(2), CancellationToken.None);
        var log = new Dictionary<string, string>(broker.LogSettings("articles")) { ["ArticleLog:Endpoints"] = node.Endpoint };
        await using var ingest = IngestProcess.Start(new Dictionary<string, string>(log)
        {
            ["Search:Address"] = $"http://127.0.0.1:{LoopbackPorts.Take()}",
            ["Seeds:Path"] = "",
            ["Outbox:Path"] = data.Combine("outbox", "ingest.db"),
            ["Outbox:MaxRetryPause"] = "00:00:00.500",
        }, data.Combine("ingest.log"));
        await ingest.WaitUntilServingAsync(Start, CancellationToken.None);
        var client = new IngestService.IngestServiceClient(ingest.Channel);
        await client.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = Raw(0, "antes") });
        await node.WaitUntilStreamCoordinatorSavedAsync(Converge, CancellationToken.None);

        node.Kill();
        for (var i = 1; i <= 50; i++)
        {
            await client.IngestArticleAsync(new IngestArticleRequest { Article = Raw(i, "durante") });
        }

        GetStatusResponse status = new();
        await Poll.UntilAsync(async () => (status = await client.GetStatusAsync(new GetStatusRequest())).LastError.Length > 0,
            Converge, () => $"{status}");
        Assert.Equal(50, status.OutboxDepth);
        Assert.Contains("article log", status.LastError);

        node.Start();
        await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        await Poll.UntilAsync(async () => (status = await client.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0, Converge,
            () => $"{status}; broker log:\n{string.Join('\n', File.ReadLines(node.BrokerLogPath).Where(l => l.Contains("stream", StringComparison.Ordinal) || l.Contains("osiris", StringComparison.Ordinal) || l.Contains("oordinator", StringComparison.Ordinal)).TakeLast(40))}");

        // A replica started now replays the whole log from the broker's disk.
        await using var replica = SearchProcess.Start(data.Combine("index"), data.Combine("search.log"), log);
        await replica.WaitUntilServingAsync(Start, CancellationToken.None);
        var search = new SearchService.SearchServiceClient(replica.Channel);
        await Poll.UntilAsync(async () => (await search.GetIndexStatusAsync(new GetIndexStatusRequest())).DocumentCount == 51, Converge,
            () => $"see {replica.LogPath}");
        Assert.Equal(Enumerable.Range(0, 51).Select(Id).Order(), IndexContents.Read(data.Combine("index")).Hashes.Keys.Order());
    }

    [SkippableFact]
    public async Task Replica_ItsBrokerKilledWhileItApplies_ResubscribesAndAppliesTheWholeLog()
    {
        Skip.If(broker.Missing is not null, broker.Missing);
        using var data = new TempDirectory();
        await using var node = await RabbitMqNode.StartSingleAsync(data.Combine("rabbitmq"), TimeSpan.FromMinutes(2), CancellationToken.None);
        const string Stream = "articles";
        const int Total = 4000;
        await broker.PublishAsync(node, Stream, Enumerable.Range(0, 10).Select(i => BrokerFixture.Upsert(Id(i), $"Texto {i} sobre a reforma.")));
        await node.WaitUntilStreamCoordinatorSavedAsync(Converge, CancellationToken.None);
        await broker.PublishAsync(node, Stream, Enumerable.Range(10, Total - 10).Select(i => BrokerFixture.Upsert(Id(i), $"Texto {i} sobre a reforma.")));

        // Small batches: deliveries wait in the replica while the broker dies under it.
        var log = new Dictionary<string, string>(broker.LogSettings(Stream)) { ["ArticleLog:Endpoints"] = node.Endpoint, ["ArticleLog:Prefetch"] = "100" };
        await using var replica = SearchProcess.Start(data.Combine("index"), data.Combine("search.log"), log);
        await replica.WaitUntilServingAsync(Start, CancellationToken.None);
        var client = new SearchService.SearchServiceClient(replica.Channel);
        ReplicationStatus status = new();
        await Poll.UntilAsync(async () => (status = (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).Replication).AppliedOffset >= 200,
            Converge, () => $"{status}; see {replica.LogPath}");

        node.Kill();
        await Poll.UntilAsync(async () => !(status = (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).Replication).Connected,
            Converge, () => $"the replica never noticed its broker is gone: {status}; see {replica.LogPath}");
        node.Start();
        await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), CancellationToken.None);

        await Poll.UntilAsync(async () => (status = (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).Replication).AppliedOffset == Total - 1,
            Converge, () => $"{status}; see {replica.LogPath}");
        Assert.True(status.Connected);
        Assert.Equal(Total, IndexContents.Read(data.Combine("index")).Hashes.Count);
    }

    [SkippableFact]
    public async Task BalancedChannel_SpreadsCallsOverReplicas_AndSkipsAKilledOne()
    {
        Skip.If(broker.Missing is not null, broker.Missing);
        using var data = new TempDirectory();
        // Two replicas told apart by what they hold: one article in A's stream, two in B's.
        var (streamA, streamB) = ($"articles-{Guid.NewGuid():N}", $"articles-{Guid.NewGuid():N}");
        await broker.PublishAsync(streamA, [BrokerFixture.Upsert("um", "Uma notícia.")]);
        await broker.PublishAsync(streamB, [BrokerFixture.Upsert("um", "Uma notícia."), BrokerFixture.Upsert("dois", "Outra notícia.")]);
        await using var a = SearchProcess.Start(data.Combine("a"), data.Combine("a.log"), broker.LogSettings(streamA));
        var b = SearchProcess.Start(data.Combine("b"), data.Combine("b.log"), broker.LogSettings(streamB));
        var killed = false;
        try
        {
            await Task.WhenAll(a.WaitUntilServingAsync(Start, CancellationToken.None), b.WaitUntilServingAsync(Start, CancellationToken.None));
            foreach (var (replica, count) in new[] { (a, 1), (b, 2) })
            {
                var client = new SearchService.SearchServiceClient(replica.Channel);
                await Poll.UntilAsync(async () => (await client.GetIndexStatusAsync(new GetIndexStatusRequest())).DocumentCount == count,
                    Converge, () => $"see {replica.LogPath}");
            }

            using var channel = BalancedChannel.Create([$"http://{a.Channel.Target}", $"http://{b.Channel.Target}"]);
            var balanced = new SearchService.SearchServiceClient(channel);
            var answered = new List<long>();
            for (var i = 0; i < 20; i++)
            {
                answered.Add((await balanced.GetIndexStatusAsync(new GetIndexStatusRequest())).DocumentCount);
            }

            // Round robin over both once both are connected (the first calls may find one still connecting).
            Assert.InRange(answered.Count(c => c == 1), 5, 15);
            Assert.Equal(20, answered.Count(c => c is 1 or 2));

            await b.DisposeAsync();   // SIGKILL
            killed = true;
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(1, (await balanced.GetIndexStatusAsync(new GetIndexStatusRequest())).DocumentCount);
            }
        }
        finally
        {
            if (!killed)
            {
                await b.DisposeAsync();
            }
        }
    }

    private static string Id(int i) => $"replica-{i:D4}";

    private static RawArticle Raw(int i, string version) =>
        new() { Id = Id(i), Title = $"Notícia {i}", Body = $"A {version} da notícia {i} sobre o orçamento federal." };

    // Both replicas at the same offset, with ingest's outbox drained and the expected count.
    private static async Task<ReplicationStatus> ConvergedAsync(ServiceProcess a, ServiceProcess b, IngestService.IngestServiceClient ingest, int count)
    {
        var clientA = new SearchService.SearchServiceClient(a.Channel);
        var clientB = new SearchService.SearchServiceClient(b.Channel);
        GetIndexStatusResponse statusA = new(), statusB = new();
        await Poll.UntilAsync(async () =>
        {
            var depth = (await ingest.GetStatusAsync(new GetStatusRequest())).OutboxDepth;
            statusA = await clientA.GetIndexStatusAsync(new GetIndexStatusRequest());
            statusB = await clientB.GetIndexStatusAsync(new GetIndexStatusRequest());
            return depth == 0 && statusA.DocumentCount == count && statusB.DocumentCount == count
                && statusA.Replication.AppliedOffset == statusB.Replication.AppliedOffset;
        }, Converge, () => $"A: {statusA}, B: {statusB}; see {a.LogPath} and {b.LogPath}");
        return statusA.Replication;
    }
}
