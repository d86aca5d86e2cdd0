using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>SIGKILL of the ingest process: what it acknowledged still reaches search, once.</summary>
public sealed class IngestCrashTests
{
    [Fact]
    public async Task IngestArticles_IngestKilledWithABatchInFlight_EveryAcknowledgedArticleIsIndexedExactlyOnceAfterRestart()
    {
        const int count = 1000;
        const int forwardedFirst = 200;
        const int batchSize = 20;
        using var data = new TempDirectory();
        await using var search = TestSystem.StartSearch(data.Combine("index"));
        await using var proxy = new TcpFaultProxy(search.Address);
        var searchClient = new SearchService.SearchServiceClient(search.Channel);
        var settings = new Dictionary<string, string>
        {
            ["Search:Address"] = proxy.Address.ToString(),
            ["Seeds:Path"] = "",
            ["Outbox:Path"] = data.Combine("outbox", "ingest.db"),
            ["Publishing:BatchSize"] = $"{batchSize}",
        };

        GetStatusResponse atKill;
        var first = IngestProcess.Start(settings, data.Combine("ingest-1.log"));
        try
        {
            await first.WaitUntilServingAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            var client = new IngestService.IngestServiceClient(first.Channel);
            var forwarded = await ResilienceTests.IngestAsync(client, Enumerable.Range(0, forwardedFirst).Select(ResilienceTests.Article));
            Assert.Equal(forwardedFirst, forwarded.AcceptedCount);
            await Poll.UntilAsync(async () => (await client.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0, TimeSpan.FromMinutes(1),
                () => "the first articles were never forwarded; see " + first.LogPath);

            // From here on the forwarder's calls hang in the proxy (the attempt timeout is 30 s), so
            // at the kill the rest is provably in the outbox, with one batch sent but unanswered.
            proxy.Mode = FaultMode.Stall;
            var response = await ResilienceTests.IngestAsync(client, Enumerable.Range(forwardedFirst, count - forwardedFirst).Select(ResilienceTests.Article));
            Assert.Equal(count - forwardedFirst, response.AcceptedCount);
            await Poll.UntilAsync(async () => (await client.GetStatusAsync(new GetStatusRequest())).InFlightCount == batchSize, TimeSpan.FromMinutes(1),
                () => "no batch went out to the stalled search; see " + first.LogPath);
            atKill = await client.GetStatusAsync(new GetStatusRequest());
        }
        finally
        {
            // SIGKILL: no shutdown hooks, no flushing.
            await first.DisposeAsync();
        }

        Assert.Equal(count - forwardedFirst, atKill.OutboxDepth);
        Assert.Equal(batchSize, atKill.InFlightCount);
        Assert.Equal(forwardedFirst, atKill.ForwardedCount);
        Assert.Equal(forwardedFirst, await ResilienceTests.TotalHitsAsync(searchClient));

        // The bytes the stall held (part of the dead process's batch) now reach search too.
        proxy.Mode = FaultMode.PassThrough;
        await using var second = IngestProcess.Start(settings, data.Combine("ingest-2.log"));
        await second.WaitUntilServingAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        var restarted = new IngestService.IngestServiceClient(second.Channel);
        await Poll.UntilAsync(async () => (await restarted.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0, TimeSpan.FromMinutes(2),
            () => "the outbox never drained after the restart; see " + second.LogPath);

        // Exactly once: every id is there, and the index holds no second copy of any.
        Assert.Equal(count, await ResilienceTests.TotalHitsAsync(searchClient));
        var ids = new HashSet<string>();
        var page = await searchClient.SearchAsync(new SearchRequest { Query = "zeferinoresiliente", PageSize = 100 });
        while (true)
        {
            foreach (var hit in page.Hits)
            {
                Assert.True(ids.Add(hit.Id), $"{hit.Id} appears twice");
            }

            if (page.NextPageToken.Length == 0)
            {
                break;
            }

            page = await searchClient.SearchAsync(new SearchRequest { Query = "zeferinoresiliente", PageSize = 100, PageToken = page.NextPageToken });
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"resiliente-{i:D4}"), ids.Order(StringComparer.Ordinal));
        // Re-sending after the crash is recognised as duplicate content.
        var again = await restarted.IngestArticleAsync(new IngestArticleRequest { Article = ResilienceTests.Article(5) });
        Assert.Equal(IngestStatus.Unchanged, again.Status);
    }
}
