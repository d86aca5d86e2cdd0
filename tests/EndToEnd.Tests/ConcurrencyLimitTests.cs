using System.Net;
using Google.Rpc;
using Grpc.Core;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>The cap on calls served at once: a call over it is refused at once, not left to pile up.</summary>
public sealed class ConcurrencyLimitTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly HttpClient _http = new();
    private ServiceHost<SearchHostMarker> _search = null!;

    public Task InitializeAsync()
    {
        // One call at a time and no queue: an open client stream holds the only permit.
        _search = TestSystem.StartSearch(_data.Combine("index"), extra: new Dictionary<string, string?>
        {
            ["RateLimiting:MaxConcurrentCalls"] = "1",
            ["RateLimiting:ConcurrencyQueueLimit"] = "0",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _search.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task WhileAStreamHoldsTheOnlyPermit_OtherCallsAreResourceExhausted_AndServedAgainOnceItEnds()
    {
        var search = new SearchService.SearchServiceClient(_search.Channel);
        var call = await OpenStreamAsync();

        // The stream reaches the limiter on a thread of its own, so a search may still take the
        // permit first and the stream is the one refused: then open it again.
        RpcException? refused = null;
        for (var attempt = 0; attempt < 200 && refused is null; attempt++)
        {
            if (call.ResponseAsync.IsCompleted)
            {
                Assert.Equal(StatusCode.ResourceExhausted, call.GetStatus().StatusCode);
                call.Dispose();
                call = await OpenStreamAsync();
            }

            try
            {
                await search.SearchAsync(new SearchRequest { Query = "zumbido" });
                await Task.Delay(25);
            }
            catch (RpcException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("too many calls at once", refused.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(refused.GetRpcStatus()?.GetDetail<RetryInfo>());

        using var rest = await _http.GetAsync(new Uri(_search.WebAddress, "/v1/search?query=zumbido"));
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        using var health = await _http.GetAsync(new Uri(_search.WebAddress, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // The held stream itself was served in full.
        await call.RequestStream.CompleteAsync();
        var indexed = await call;
        call.Dispose();
        Assert.Equal(IndexStatus.Created, Assert.Single(indexed.Results).Status);

        var found = await search.SearchAsync(new SearchRequest { Query = "zumbido" });
        Assert.Equal("held-1", Assert.Single(found.Hits).Id);
    }

    private async Task<AsyncClientStreamingCall<IndexArticlesRequest, IndexArticlesResponse>> OpenStreamAsync()
    {
        var call = new IndexService.IndexServiceClient(_search.Channel).IndexArticles(TestSystem.IndexCredentials);
        try
        {
            await call.RequestStream.WriteAsync(new IndexArticlesRequest { Article = new Article { Id = "held-1", Body = "Zumbido raro." } });
        }
        catch (RpcException)
        {
            // Refused already: the caller sees the call completed and opens another.
        }

        return call;
    }
}
