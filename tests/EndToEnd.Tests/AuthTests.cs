using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>API keys on the write paths (and, when asked, the read paths), over real gRPC and HTTP.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string WriterKey = "writer-key-0123456789";
    private const string ReaderKey = "reader-key-0123456789";

    private readonly HttpClient _http = new();
    private TestSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = TestSystem.Start(ingestSettings: new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymousWrites"] = "false",
            ["Auth:ProtectReads"] = "true",
            ["Auth:ApiKeys:importer:Key"] = WriterKey,
            ["Auth:ApiKeys:importer:Scopes"] = "read write",
            ["Auth:ApiKeys:dashboard:Key"] = ReaderKey,
            ["Auth:ApiKeys:dashboard:Scopes"] = "read",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _system.DisposeAsync();
    }

    private static IngestArticleRequest Article(string title) =>
        new() { WaitForIndexed = true, Article = new RawArticle { Title = title, Body = $"{title}: a câmara aprovou o orçamento." } };

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    [Fact]
    public async Task Writes_WithoutOrWithAWrongKey_AreUnauthenticated()
    {
        var none = await Assert.ThrowsAsync<RpcException>(() => _system.IngestClient.IngestArticleAsync(Article("Sem chave")).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => _system.IngestClient.IngestArticleAsync(Article("Chave errada"), Bearer("nope")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
    }

    [Fact]
    public async Task Writes_WithAReadOnlyKey_ArePermissionDenied_ReadsAreAllowed()
    {
        var denied = await Assert.ThrowsAsync<RpcException>(() => _system.IngestClient.IngestArticleAsync(Article("Só leitura"), Bearer(ReaderKey)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var status = await _system.IngestClient.GetStatusAsync(new GetStatusRequest(), Bearer(ReaderKey));
        Assert.Equal(0, status.DeadLetterCount);
        var anonymousRead = await Assert.ThrowsAsync<RpcException>(() => _system.IngestClient.GetStatusAsync(new GetStatusRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymousRead.StatusCode);
    }

    [Fact]
    public async Task Writes_WithAWriteKey_GoThroughToSearch_WhichChecksIngestsKey()
    {
        var created = await _system.IngestClient.IngestArticleAsync(Article("Com chave"), Bearer(WriterKey));

        Assert.Equal(IngestStatus.Created, created.Status);
        // Search's reads stay open by default; its write service refuses calls without ingest's key.
        var found = await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = created.Id });
        Assert.Equal("Com chave", found.Article.Title);
        var direct = await Assert.ThrowsAsync<RpcException>(() =>
            new IndexService.IndexServiceClient(_system.Search.Channel).DeleteArticleAsync(new Contracts.Search.V1.DeleteArticleRequest { Id = created.Id }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, direct.StatusCode);
    }

    [Fact]
    public async Task Rest_UsesTheSameKeys()
    {
        using var anonymous = await _http.PostAsJsonAsync(new Uri(_system.Ingest.WebAddress, "/v1/articles"), new { article = new { body = "Sem chave pela API REST." } });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_system.Ingest.WebAddress, "/v1/articles"))
        {
            Content = JsonContent.Create(new { article = new { body = "Com chave pela API REST." } }),
        };
        request.Headers.Add("x-api-key", WriterKey);
        using var keyed = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Fact]
    public async Task IngestWithAWrongIndexKey_KeepsTheArticleInTheOutbox_NotInDeadLetters()
    {
        await using var ingest = TestSystem.StartIngest(_system.Search.Address, extra: new Dictionary<string, string?> { ["Search:ApiKey"] = "wrong" });
        var client = new IngestService.IngestServiceClient(ingest.Channel);

        await client.IngestArticleAsync(new IngestArticleRequest { Article = new RawArticle { Body = "Fica à espera na caixa de saída." } });

        await Poll.UntilAsync(async () => (await client.GetStatusAsync(new GetStatusRequest())).LastError.Contains("Unauthenticated", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), () => "no authentication error reported");
        var status = await client.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(1, status.OutboxDepth);
        Assert.Equal(0, status.DeadLetterCount);
    }
}
