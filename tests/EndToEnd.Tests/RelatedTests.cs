using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Related articles over real services, gRPC and JSON/REST: ranking, paging and every kind of bad request.</summary>
public sealed class RelatedTests(RelatedTests.Articles articles) : IClassFixture<RelatedTests.Articles>
{
    private TestSystem System => articles.System;

    private SearchService.SearchServiceClient Client => System.SearchClient;

    private Uri Web(string path) => new(System.Search.WebAddress, path);

    [Fact]
    public async Task Related_Grpc_ArticlesOnTheSameSubjectComeFirst_WithoutTheArticleItself()
    {
        var response = await Client.RelatedAsync(new RelatedRequest { Id = "vacina-1" });

        var ids = response.Hits.Select(h => h.Id).ToList();
        Assert.Equal(["vacina-2", "vacina-3"], ids.Take(2).Order());
        Assert.DoesNotContain("vacina-1", ids);
        var hit = response.Hits.Single(h => h.Id == "vacina-2");
        Assert.Equal("Postos de saúde ampliam horário para vacinar contra a gripe", hit.Title);
        Assert.Equal("Agência Saúde", hit.Source);
        Assert.Equal("https://example.test/vacina-2", hit.Url);
        Assert.Equal(new DateTimeOffset(2021, 7, 20, 3, 0, 0, TimeSpan.Zero), hit.PublishedAt.ToDateTimeOffset());
        Assert.Contains("<em>", hit.Snippet);
        Assert.True(hit.Score > 0);
        Assert.Empty(response.NextPageToken);
    }

    [Fact]
    public async Task Related_Grpc_TokensWalkTheSameListPageByPage()
    {
        var whole = (await Client.RelatedAsync(new RelatedRequest { Id = "vacina-1", PageSize = 50 })).Hits.Select(h => h.Id).ToList();
        Assert.True(whole.Count >= 3, string.Join(", ", whole));

        var walked = new List<string>();
        var token = "";
        do
        {
            var page = await Client.RelatedAsync(new RelatedRequest { Id = "vacina-1", PageSize = 2, PageToken = token });
            Assert.InRange(page.Hits.Count, 1, 2);
            walked.AddRange(page.Hits.Select(h => h.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0 && walked.Count < 100);

        Assert.Equal(whole, walked);
    }

    [Fact]
    public async Task Related_Rest_AnswersTheSameHitsAsGrpc()
    {
        var grpc = await Client.RelatedAsync(new RelatedRequest { Id = "vacina-1", PageSize = 2 });

        using var http = new HttpClient();
        using var response = await http.GetAsync(Web("/v1/articles/vacina-1/related?page_size=2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(grpc.Hits.Select(h => h.Id), hits.Select(h => h.GetProperty("id").GetString()));
        Assert.All(hits, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("title").GetString())));
        Assert.Equal("2021-07-20T03:00:00Z", hits[0].GetProperty("publishedAt").GetString());
        var next = body.GetProperty("nextPageToken").GetString();
        Assert.False(string.IsNullOrEmpty(next));

        var second = await http.GetFromJsonAsync<JsonElement>(Web($"/v1/articles/vacina-1/related?page_size=2&page_token={Uri.EscapeDataString(next!)}"));
        Assert.DoesNotContain(second.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()), grpc.Hits.Select(h => h.Id).Contains);
    }

    [Fact]
    public async Task Related_UnknownId_IsNotFoundOverGrpcAndRest()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.RelatedAsync(new RelatedRequest { Id = "nao-existe" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("nao-existe", ex.GetRpcStatus()?.GetDetail<ResourceInfo>()?.ResourceName);

        using var http = new HttpClient();
        using var response = await http.GetAsync(Web("/v1/articles/nao-existe/related"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string, int, string, string> InvalidRequests => new()
    {
        { "", 0, "", "id" },
        { "   ", 0, "", "id" },
        { "com espaço", 0, "", "id" },
        { "-começa-com-hífen", 0, "", "id" },
        { new string('a', 129), 0, "", "id" },
        { "vacina-1", -1, "", "page_size" },
        { "vacina-1", 51, "", "page_size" },
        { "vacina-1", 0, "bm90LWEtdG9rZW4", "page_token" },
        { "vacina-1", 0, "%%%", "page_token" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Related_InvalidField_IsInvalidArgumentWithFieldViolation(string id, int pageSize, string token, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Client.RelatedAsync(new RelatedRequest { Id = id, PageSize = pageSize, PageToken = token }).ResponseAsync);

        RpcAssert.FieldViolation(ex, field);
    }

    [Fact]
    public async Task Related_TokenOfAnotherArticle_IsInvalidArgumentOnPageToken()
    {
        var token = (await Client.RelatedAsync(new RelatedRequest { Id = "vacina-1", PageSize = 1 })).NextPageToken;
        Assert.NotEmpty(token);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Client.RelatedAsync(new RelatedRequest { Id = "vacina-2", PageSize = 1, PageToken = token }).ResponseAsync);

        RpcAssert.FieldViolation(ex, "page_token");
    }

    [Theory]
    [InlineData("/v1/articles/com%20espa%C3%A7o/related", "id")]
    [InlineData("/v1/articles/vacina-1/related?page_size=-1", "page_size")]
    [InlineData("/v1/articles/vacina-1/related?page_size=51", "page_size")]
    [InlineData("/v1/articles/vacina-1/related?page_token=bm90LWEtdG9rZW4", "page_token")]
    public async Task Related_Rest_InvalidField_Is400WithFieldViolation(string path, string field)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(Web(path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)Code.InvalidArgument, body.GetProperty("code").GetInt32());
        var fields = body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString());
        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task Related_HostileValues_AreAnsweredOrRefused_NeverAServerError()
    {
        var values = new HostileValues(20260112);
        var failures = new List<string>();
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            var id = values.TextOrValid(values.Pick("vacina-1", "futebol", "nao-existe"));
            var pageSize = values.Chance(0.5) ? values.Pick(0, 1, 5) : values.Int();
            var token = values.Chance(0.6) ? "" : values.Text();
            if (i % 2 == 0)
            {
                try
                {
                    await Client.RelatedAsync(new RelatedRequest { Id = id, PageSize = pageSize, PageToken = token });
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound
                    || (ex.StatusCode is StatusCode.InvalidArgument && ex.GetRpcStatus()?.GetDetail<BadRequest>() is { FieldViolations.Count: > 0 }))
                {
                }
                catch (RpcException ex)
                {
                    failures.Add($"gRPC {ex.StatusCode} \"{ex.Status.Detail}\" for id {id.Length} chars, page_size {pageSize}");
                }
            }
            else if (id.Trim().Length > 0)
            {
                var query = $"page_size={pageSize}&page_token={Uri.EscapeDataString(token)}";
                using var response = await http.GetAsync(Web($"/v1/articles/{Uri.EscapeDataString(id)}/related?{query}"));
                // 414: Kestrel's limit on the request line, for ids of thousands of characters.
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.RequestUriTooLong))
                {
                    failures.Add($"REST {(int)response.StatusCode} for id {id.Length} chars, {query}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Empty(System.Search.Logs.Errors);
    }

    /// <summary>Search and ingest holding three articles about flu vaccination and four on other subjects.</summary>
    public sealed class Articles : IAsyncLifetime
    {
        public TestSystem System { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            System = TestSystem.Start();
            RawArticle[] articles =
            [
                Raw("vacina-1", "Campanha de vacinação contra a gripe começa na segunda",
                    "A campanha nacional de vacinação contra a gripe começa na segunda-feira nos postos de saúde. Idosos e profissionais de saúde "
                    + "recebem as primeiras doses da vacina. O ministério da saúde distribuiu doses a todos os estados."),
                Raw("vacina-2", "Postos de saúde ampliam horário para vacinar contra a gripe",
                    "Os postos de saúde da capital vão abrir aos sábados para aplicar a vacina contra a gripe. A procura pelas doses cresceu "
                    + "entre idosos, e a secretaria de saúde pede que o público leve o cartão de vacinação."),
                Raw("vacina-3", "Estoque de vacinas da gripe chega aos estados",
                    "O ministério da saúde enviou um novo lote de doses da vacina contra a gripe aos estados. A vacinação de crianças e gestantes "
                    + "começa na próxima semana nos postos."),
                .. TestArticles.Distractors.Select(a => Raw(a.Id, a.Title, a.Body)),
            ];
            using var call = System.IngestClient.IngestArticles();
            foreach (var article in articles)
            {
                await call.RequestStream.WriteAsync(new IngestArticlesRequest { Article = article, WaitForIndexed = true });
            }

            await call.RequestStream.CompleteAsync();
            var response = await call;
            Assert.Equal(articles.Length, response.AcceptedCount);
        }

        public async Task DisposeAsync() => await System.DisposeAsync();

        private static RawArticle Raw(string id, string title, string body) => new()
        {
            Id = id,
            Title = title,
            Body = body,
            Source = "Agência Saúde",
            Url = $"https://example.test/{id}",
            PublishedAt = "2021-07-20",
        };
    }
}
