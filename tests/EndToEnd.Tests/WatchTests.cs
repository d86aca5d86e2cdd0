using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Standing queries over real services: gRPC and REST streams, limits and bad requests.</summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_ArticlesIngestedAfterTheCallStarts_OnlyMatchingOnesArriveWithTheirSnippet()
    {
        await using var system = TestSystem.Start(seedsPath: "");
        using var deadline = new CancellationTokenSource(Timeout);
        using var call = system.SearchClient.Watch(new WatchRequest { Query = "barragem Brumadinho", Sources = { "Agência" } },
            cancellationToken: deadline.Token);
        var stream = call.ResponseStream;
        Assert.True(await stream.MoveNext(deadline.Token));
        Assert.Equal(WatchResponse.EventOneofCase.Heartbeat, stream.Current.EventCase);

        await Ingest(system, "vacina", "A vacinação começou em todo o país.", "Agência");
        await Ingest(system, "outra-fonte", "A barragem de Brumadinho foi vistoriada.", "Outra");
        await Ingest(system, "barragem", "A barragem de Brumadinho rompeu em 2019, disse a agência.", "Agência");

        Assert.True(await stream.MoveNext(deadline.Token));
        var hit = stream.Current.Hit;
        Assert.Equal("barragem", hit.Id);
        Assert.Contains("<em>barragem</em>", hit.Snippet);
        Assert.Equal("Agência", hit.Source);
        Assert.Equal(new DateTimeOffset(2021, 7, 20, 3, 0, 0, TimeSpan.Zero), hit.PublishedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Watch_OverRest_StreamsJsonObjectsAsArticlesArrive()
    {
        await using var system = TestSystem.Start(seedsPath: "");
        using var http = new HttpClient { BaseAddress = system.Search.WebAddress, Timeout = Timeout };
        using var response = await http.GetAsync("/v1/watch?query=OTAN", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new JsonStreamReader(body);

        Assert.True((await reader.NextAsync()).TryGetProperty("heartbeat", out _));
        await Ingest(system, "otan-rest", "A OTAN reuniu-se em Bruxelas.", "Agência");
        var hit = (await reader.NextAsync()).GetProperty("hit");

        Assert.Equal("otan-rest", hit.GetProperty("id").GetString());
        Assert.Contains("<em>OTAN</em>", hit.GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task Watch_OverGrpcWebOnHttp1_StreamsTheMatch()
    {
        await using var system = TestSystem.Start(seedsPath: "");
        using var channel = GrpcChannel.ForAddress(system.Search.WebAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        using var deadline = new CancellationTokenSource(Timeout);
        using var call = new SearchService.SearchServiceClient(channel).Watch(new WatchRequest { Query = "vacina" }, cancellationToken: deadline.Token);
        Assert.True(await call.ResponseStream.MoveNext(deadline.Token));
        Assert.Equal(WatchResponse.EventOneofCase.Heartbeat, call.ResponseStream.Current.EventCase);

        await Ingest(system, "vacina-web", "A vacina chegou aos postos de saúde.", "Agência");

        Assert.True(await call.ResponseStream.MoveNext(deadline.Token));
        Assert.Equal("vacina-web", call.ResponseStream.Current.Hit.Id);
    }

    [Fact]
    public async Task Watch_PastThePerClientLimit_IsResourceExhausted_UntilOneCloses()
    {
        await using var system = TestSystem.Start(seedsPath: "", searchSettings: new Dictionary<string, string?> { ["Watch:MaxPerClient"] = "1" });
        using var first = system.SearchClient.Watch(new WatchRequest { Query = "OTAN" });
        Assert.True(await first.ResponseStream.MoveNext());

        using (var second = system.SearchClient.Watch(new WatchRequest { Query = "vacina" }))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => second.ResponseStream.MoveNext());
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        }

        first.Dispose();
        await Poll.UntilAsync(async () =>
        {
            using var third = system.SearchClient.Watch(new WatchRequest { Query = "vacina" });
            try
            {
                return await third.ResponseStream.MoveNext();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        }, Timeout, () => "the closed stream never freed its slot");
    }

    public static TheoryData<string, WatchRequest> BadRequests => new()
    {
        { "query", new WatchRequest() },
        { "query", new WatchRequest { Query = "   " } },
        { "query", new WatchRequest { Query = "!!! ???" } },
        { "query", new WatchRequest { Query = new string('a', 5000) } },
        { "query", new WatchRequest { Query = "title:(", Syntax = Contracts.Search.V1.Syntax.Lucene } },
        { "published_after", new WatchRequest { Query = "OTAN", PublishedAfter = Timestamp.FromDateTime(new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            PublishedBefore = Timestamp.FromDateTime(new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc)) } },
        { "published_before", new WatchRequest { Query = "OTAN", PublishedBefore = new Timestamp { Seconds = long.MaxValue } } },
        { "sources[1]", new WatchRequest { Query = "OTAN", Sources = { "G1", " " } } },
        { "tags", new WatchRequest { Query = "OTAN", Tags = { Enumerable.Range(0, 101).Select(i => $"t{i}") } } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Watch_BadRequest_IsInvalidArgumentNamingTheField(string field, WatchRequest request)
    {
        await using var system = TestSystem.Start(seedsPath: "");
        using var call = system.SearchClient.Watch(request);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        RpcAssert.FieldViolation(error, field);
    }

    private static async Task Ingest(TestSystem system, string id, string body, string source) =>
        await system.IngestClient.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle { Id = id, Body = body, Source = source, PublishedAt = "2021-07-20" },
        });

    // Reads consecutive JSON values from a stream as they arrive (JSON transcoding writes one per message).
    private sealed class JsonStreamReader(Stream stream) : IDisposable
    {
        private readonly StreamReader _reader = new(stream);

        public async Task<JsonElement> NextAsync()
        {
            var text = new System.Text.StringBuilder();
            var depth = 0;
            var inString = false;
            var escaped = false;
            var buffer = new char[1];
            while (await _reader.ReadAsync(buffer) == 1)
            {
                var c = buffer[0];
                if (depth == 0 && c != '{')
                {
                    continue;
                }

                text.Append(c);
                if (inString)
                {
                    (escaped, inString) = (!escaped && c == '\\', escaped || c != '"');
                    continue;
                }

                if (c == '"')
                {
                    inString = true;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    return JsonDocument.Parse(text.ToString()).RootElement;
                }
            }

            throw new EndOfStreamException("the stream ended");
        }

        public void Dispose() => _reader.Dispose();
    }
}
