using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.EndToEnd.Tests;

public sealed class ResilienceTests
{
    [Fact]
    public async Task IngestArticle_SearchDown_IsUnavailableWithAClearMessage()
    {
        // A port that was just free: nothing listens there.
        var indexPath = Path.Combine(Path.GetTempPath(), "seed-search-e2e", Guid.NewGuid().ToString("N"));
        var probe = TestSystem.StartSearch(indexPath);
        var address = probe.Address;
        await probe.DisposeAsync();

        await using var ingest = TestSystem.StartIngest(address, extra: new Dictionary<string, string?>
        {
            ["Publishing:MaxRetryAttempts"] = "2",
            ["Publishing:RetryMaxDelay"] = "00:00:00.100",
        });
        var client = new IngestService.IngestServiceClient(ingest.Channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            client.IngestArticleAsync(new IngestArticleRequest { Article = new RawArticle { Body = "Texto." } }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("search service", ex.Status.Detail);
    }

    [Fact]
    public async Task IngestArticle_SearchRestartedBetweenCalls_Succeeds()
    {
        await using var system = TestSystem.Start();
        var first = await system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = new RawArticle { Body = "Antes do reinício." } });

        await system.RestartSearchAsync();
        var second = await system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = new RawArticle { Body = "Depois do reinício." } });

        Assert.Equal(IngestStatus.Created, first.Status);
        Assert.Equal(IngestStatus.Created, second.Status);
    }
}
