using Grpc.Core;
using Grpc.Health.V1;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Zero loss while search is down: the outbox keeps what ingest acknowledged.</summary>
public sealed class ResilienceTests
{
    private const string Marker = "zeferinoresiliente";

    [Fact]
    public async Task IngestArticles_SearchStopped_AllAcknowledgedArticlesAreSearchableAfterRestart()
    {
        const int count = 1000;
        await using var system = TestSystem.Start();
        await system.StopSearchAsync();

        var response = await IngestAsync(system.IngestClient, Enumerable.Range(0, count).Select(Article));
        Assert.Equal(count, response.AcceptedCount);
        Assert.Equal(count, response.CreatedCount);

        // While it waits, ingest stays up and says why.
        await Poll.UntilAsync(async () => (await system.IngestClient.GetStatusAsync(new GetStatusRequest())).LastError.Length > 0,
            TimeSpan.FromSeconds(30), () => "ingest never reported the forwarding error");
        var waiting = await system.IngestClient.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(count, waiting.OutboxDepth);
        Assert.Contains("search service", waiting.LastError);
        var health = await new Health.HealthClient(system.Ingest.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        system.StartSearchAgain();

        await Poll.UntilAsync(async () => await TotalHitsAsync(system) == count, TimeSpan.FromMinutes(2),
            () => $"search holds {TotalHitsAsync(system).Result} of {count}");
        // Search makes a batch visible before its answer reaches ingest, which then empties the outbox.
        await Poll.UntilAsync(async () => (await system.IngestClient.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0,
            TimeSpan.FromSeconds(30), () => "the outbox never drained after search held every article");
        var drained = await system.IngestClient.GetStatusAsync(new GetStatusRequest());
        Assert.Empty(drained.LastError);
        for (var i = 0; i < count; i += 97)
        {
            var article = await system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = $"resiliente-{i:D4}" });
            Assert.Contains($"número {i}", article.Article.Body);
        }
    }

    [Fact]
    public async Task IngestArticle_OutboxFull_IsResourceExhaustedAndKeepsWhatWasAccepted()
    {
        await using var system = TestSystem.Start(ingestSettings: new Dictionary<string, string?> { ["Outbox:MaxDepth"] = "3" });
        await system.StopSearchAsync();
        for (var i = 0; i < 3; i++)
        {
            await system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = Article(i) });
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = Article(3) }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("outbox is full", ex.Status.Detail);
        // A duplicate needs no room.
        var again = await system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = Article(0) });
        Assert.Equal(IngestStatus.Unchanged, again.Status);

        system.StartSearchAgain();
        await Poll.UntilAsync(async () => await TotalHitsAsync(system) == 3, TimeSpan.FromMinutes(1), () => "the three accepted articles");
        var after = await system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = Article(3), WaitForIndexed = true });
        Assert.Equal(IngestStatus.Created, after.Status);
        Assert.Equal(4, await TotalHitsAsync(system));
    }

    [Fact]
    public async Task IngestArticles_OutboxFillsMidStream_IsResourceExhaustedAndKeepsAndForwardsEveryEarlierBatch()
    {
        await using var system = TestSystem.Start(ingestSettings: new Dictionary<string, string?>
        {
            ["Outbox:MaxDepth"] = "10",
            ["Publishing:BatchSize"] = "4",
        });
        await system.StopSearchAsync();

        // Batches of 4 are stored whole or not at all: 8 fit, the third batch would make 12.
        using (var call = system.IngestClient.IngestArticles())
        {
            try
            {
                foreach (var article in Enumerable.Range(0, 12).Select(Article))
                {
                    await call.RequestStream.WriteAsync(new IngestArticlesRequest { Article = article });
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (Exception early) when (early is RpcException or InvalidOperationException)
            {
                // The call may already have ended with the error awaited below.
            }

            var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
            Assert.Contains("8 of the 12 articles received were accepted", ex.Status.Detail);
        }

        var waiting = await system.IngestClient.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(8, waiting.OutboxDepth);
        Assert.Equal(10, waiting.OutboxCapacity);

        system.StartSearchAgain();
        await Poll.UntilAsync(async () => (await system.IngestClient.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0,
            TimeSpan.FromMinutes(1), () => "the accepted batches were never forwarded");
        var found = await system.SearchClient.SearchAsync(new SearchRequest { Query = Marker, PageSize = 20 });
        Assert.Equal(Enumerable.Range(0, 8).Select(i => Article(i).Id), found.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));

        // Re-sending the whole stream is harmless: the kept ones are duplicates, the rest new.
        var again = await IngestAsync(system.IngestClient, Enumerable.Range(0, 12).Select(Article), wait: true);
        Assert.Equal((8, 4), (again.UnchangedCount, again.CreatedCount));
        Assert.Equal(12, await TotalHitsAsync(system));
    }

    [Fact]
    public async Task IngestArticle_WaitForIndexedWhileSearchDown_IsDeadlineExceededAndStillIndexedLater()
    {
        await using var system = TestSystem.Start(ingestSettings: new Dictionary<string, string?> { ["Outbox:MaxIndexWait"] = "00:00:00.500" });
        await system.StopSearchAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = Article(7), WaitForIndexed = true }).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Contains("stored durably", ex.Status.Detail);
        system.StartSearchAgain();
        await Poll.UntilAsync(async () => await TotalHitsAsync(system) == 1, TimeSpan.FromMinutes(1), () => "the accepted article");
    }

    [Fact]
    public async Task IngestArticle_WaitForIndexed_IsSearchableWhenTheResponseArrives()
    {
        await using var system = TestSystem.Start();
        for (var i = 0; i < 5; i++)
        {
            var response = await system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = Article(i), WaitForIndexed = true });
            Assert.Equal(IngestStatus.Created, response.Status);
            // No polling: the answer promised the article is searchable.
            Assert.Equal(i + 1, await TotalHitsAsync(system));
        }

        Assert.Empty(system.Errors);
    }

    [Fact]
    public async Task DeleteArticle_WaitForIndexed_RemovesItFromSearch()
    {
        await using var system = TestSystem.Start();
        await IngestAsync(system.IngestClient, Enumerable.Range(0, 3).Select(Article), wait: true);

        var deleted = await system.IngestClient.DeleteArticleAsync(new Contracts.Ingest.V1.DeleteArticleRequest { Id = "resiliente-0001", WaitForIndexed = true });
        var unknown = await system.IngestClient.DeleteArticleAsync(new Contracts.Ingest.V1.DeleteArticleRequest { Id = "nunca-existiu", WaitForIndexed = true });

        Assert.True(deleted.Found);
        Assert.False(unknown.Found);
        Assert.Equal(2, await TotalHitsAsync(system));
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = "resiliente-0001" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        // Re-ingesting a deleted article creates it again instead of calling it a duplicate.
        var back = await system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = Article(1), WaitForIndexed = true });
        Assert.Equal(IngestStatus.Created, back.Status);
    }

    [Fact]
    public async Task DeleteArticle_EmptyId_IsInvalidArgument()
    {
        await using var system = TestSystem.Start();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient.DeleteArticleAsync(new Contracts.Ingest.V1.DeleteArticleRequest { Id = " " }).ResponseAsync);
        RpcAssert.FieldViolation(ex, "id");
    }

    internal static RawArticle Article(int i) => new()
    {
        Id = $"resiliente-{i:D4}",
        Title = $"Notícia {i} sobre {Marker}",
        Body = $"Texto da notícia número {i}. O ministro {Marker} anunciou a medida {i} em Brasília.",
        Source = "Agência Teste",
    };

    internal static async Task<IngestArticlesResponse> IngestAsync(IngestService.IngestServiceClient client, IEnumerable<RawArticle> articles, bool wait = false)
    {
        using var call = client.IngestArticles();
        foreach (var article in articles)
        {
            await call.RequestStream.WriteAsync(new IngestArticlesRequest { Article = article, WaitForIndexed = wait });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    internal static async Task<long> TotalHitsAsync(SearchService.SearchServiceClient search) =>
        (await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = 1 })).TotalHits;

    private static Task<long> TotalHitsAsync(TestSystem system) => TotalHitsAsync(system.SearchClient);
}
