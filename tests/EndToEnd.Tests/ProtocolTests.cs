using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace SeedSearch.EndToEnd.Tests;

public sealed class ProtocolTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = TestSystem.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Health_BothServices_AreServing()
    {
        foreach (var channel in new[] { _system.Search.Channel, _system.Ingest.Channel })
        {
            var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    [Theory]
    [InlineData(true, "search.v1.SearchService")]
    [InlineData(true, "search.v1.IndexService")]
    [InlineData(false, "ingest.v1.IngestService")]
    [InlineData(true, "grpc.health.v1.Health")]
    public async Task Reflection_ListsTheServices(bool onSearch, string service)
    {
        var client = new ServerReflection.ServerReflectionClient(onSearch ? _system.Search.Channel : _system.Ingest.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == service);
    }
}
