using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>SIGKILL of the ingest process: what it acknowledged still reaches search, once.</summary>
public sealed class IngestCrashTests
{
    [Fact]
    public async Task IngestArticles_IngestKilledMidDrain_EveryAcknowledgedArticleIsIndexedExactlyOnceAfterRestart()
    {
        const int count = 1000;
        using var data = new TempDirectory();
        await using var search = TestSystem.StartSearch(data.Combine("index"));
        var searchClient = new SearchService.SearchServiceClient(search.Channel);
        var settings = new Dictionary<string, string>
        {
            ["Search:Address"] = search.Address.ToString(),
            ["Seeds:Path"] = "",
            ["Outbox:Path"] = data.Combine("outbox", "ingest.db"),
            // Small batches: the drain takes many search commits, so the kill lands in the middle.
            ["Publishing:BatchSize"] = "20",
        };

        int acknowledged;
        long depthAtKill;
        var first = IngestProcess.Start(settings, data.Combine("ingest-1.log"));
        try
        {
            await first.WaitUntilServingAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            var client = new IngestService.IngestServiceClient(first.Channel);
            var response = await ResilienceTests.IngestAsync(client, Enumerable.Range(0, count).Select(ResilienceTests.Article));
            acknowledged = response.AcceptedCount;
            depthAtKill = (await client.GetStatusAsync(new GetStatusRequest())).OutboxDepth;
        }
        finally
        {
            // SIGKILL: no shutdown hooks, no flushing.
            await first.DisposeAsync();
        }

        Assert.Equal(count, acknowledged);
        Assert.True(depthAtKill > 0, "the drain had already finished before the kill");
        var indexedAtKill = await ResilienceTests.TotalHitsAsync(searchClient);
        Assert.True(indexedAtKill < count, $"all {count} were indexed before the kill");

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
