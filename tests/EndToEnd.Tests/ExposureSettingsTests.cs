using System.Net;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Server reflection and the search page can be turned off by configuration.</summary>
public sealed class ExposureSettingsTests
{
    [Fact]
    public async Task ReflectionAndSearchPage_Off_AreNotServed_WhileTheApiIs()
    {
        using var data = new TempDirectory();
        await AssertOffAsync(data.Combine("index"));
    }

    private static async Task AssertOffAsync(string index)
    {
        await using var search = ServiceHost<SearchHostMarker>.Start(new Dictionary<string, string?>
        {
            ["Index:Path"] = index,
            ["Grpc:EnableReflection"] = "false",
            ["Web:EnableSearchPage"] = "false",
        });
        using var http = new HttpClient();

        var reflection = new ServerReflection.ServerReflectionClient(search.Channel).ServerReflectionInfo();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await reflection.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(search.WebAddress, "/"))).StatusCode);

        var result = await new SearchService.SearchServiceClient(search.Channel).SearchAsync(new SearchRequest { Query = "OTAN" });
        Assert.Equal(0, result.TotalHits);
    }
}
