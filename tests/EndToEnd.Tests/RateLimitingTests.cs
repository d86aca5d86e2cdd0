using System.Net;
using Google.Rpc;
using Grpc.Core;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Per-client rate limiting over real gRPC and HTTP: refused calls say when to retry.</summary>
public sealed class RateLimitingTests : IAsyncLifetime
{
    private const int Burst = 3;

    private readonly HttpClient _http = new();
    private TestSystem _system = null!;

    public Task InitializeAsync()
    {
        // A burst of three, then one request a second.
        _system = TestSystem.Start(searchSettings: new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task OverTheLimit_GrpcIsResourceExhaustedWithRetryInfo_RestIs429_HealthIsNotLimited()
    {
        var client = _system.SearchClient;
        RpcException? refused = null;
        var answered = 0;
        for (var i = 0; i < Burst + 5 && refused is null; i++)
        {
            try
            {
                await client.SuggestAsync(new SuggestRequest { Prefix = "ot" });
                answered++;
            }
            catch (RpcException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.InRange(answered, 1, Burst);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var retry = refused.GetRpcStatus()?.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.ToTimeSpan() >= TimeSpan.FromSeconds(1));

        // A token may refill in between: the next few calls must meet the limit again.
        HttpResponseMessage? rest = null;
        for (var i = 0; i < Burst + 5 && rest?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            rest?.Dispose();
            rest = await _http.GetAsync(new Uri(_system.Search.WebAddress, "/v1/suggest?prefix=ot"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, rest!.StatusCode);
        Assert.NotNull(rest.Headers.RetryAfter);
        rest.Dispose();

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(_system.Search.WebAddress, "/healthz"))).StatusCode);
    }
}
