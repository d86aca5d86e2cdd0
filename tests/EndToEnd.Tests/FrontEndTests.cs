using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// The HTTP/1.1 side of both services: JSON/REST through transcoding, gRPC-Web, CORS, OpenAPI,
/// health and metrics, over real Kestrel listeners.
/// </summary>
public sealed class FrontEndTests : IAsyncLifetime
{
    private const string FrontEndOrigin = "https://front.example.test";

    private readonly HttpClient _http = new();
    private TestSystem _system = null!;
    private string _seedId = "";

    private static string SeedText => File.ReadAllText(Directory.EnumerateFiles(TestSystem.SeedsFolder, "*.txt").Order().First());

    public async Task InitializeAsync()
    {
        _system = TestSystem.Start(searchSettings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = FrontEndOrigin });
        var created = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Body = SeedText } });
        _seedId = created.Id;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _system.DisposeAsync();
    }

    private Uri SearchWeb(string path) => new(_system.Search.WebAddress, path);

    private Uri IngestWeb(string path) => new(_system.Ingest.WebAddress, path);

    [Fact]
    public async Task RestSearch_ReturnsHitsWithHighlightedSnippets()
    {
        using var response = await _http.GetAsync(SearchWeb("/v1/search?query=OTAN&page_size=5"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1", body.GetProperty("totalHits").ToString());
        Assert.Equal("TOTAL_HITS_RELATION_EQUAL_TO", body.GetProperty("totalHitsRelation").GetString());
        var hit = body.GetProperty("hits")[0];
        Assert.Equal(_seedId, hit.GetProperty("id").GetString());
        Assert.Contains("<em>OTAN</em>", hit.GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task RestSearch_FiltersAndSortFromTheQueryString()
    {
        var json = await _http.GetStringAsync(SearchWeb("/v1/search?query=OTAN&sort=SORT_NEWEST&published_after=2000-01-01T00:00:00Z&sources=Nenhuma"));

        Assert.Equal("0", JsonDocument.Parse(json).RootElement.GetProperty("totalHits").ToString());
    }

    [Fact]
    public async Task RestSearch_BadRequest_Is400WithFieldViolations()
    {
        using var response = await _http.GetAsync(SearchWeb("/v1/search?query=&page_size=500"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        var fields = body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()).ToList();
        Assert.Equal(["query", "page_size"], fields);
    }

    [Theory]
    [InlineData("/v1/search?query=OTAN&include_copies=talvez", "include_copies")]
    [InlineData("/v1/search?query=OTAN&page_size=abc", "page_size")]
    [InlineData("/v1/search?query=OTAN&pageSize=1e3", "page_size")]
    [InlineData("/v1/search?query=OTAN&sort=SORT_ALEATORIO", "sort")]
    [InlineData("/v1/search?query=OTAN&published_after=ontem", "published_after")]
    [InlineData("/v1/search?query=OTAN&page_size=99999999999", "page_size")]
    [InlineData("/v1/articles/seed/related?page_size=dez", "page_size")]
    public async Task RestQueryParameterOfTheWrongType_Is400NamingTheField(string path, string field)
    {
        using var response = await _http.GetAsync(SearchWeb(path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        var violation = Assert.Single(body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray());
        Assert.Equal(field, violation.GetProperty("field").GetString());
    }

    [Fact]
    public async Task RestGetArticle_KnownAndUnknownIds()
    {
        var article = await _http.GetFromJsonAsync<JsonElement>(SearchWeb($"/v1/articles/{_seedId}"));
        Assert.StartsWith("Embaixadas chinesas", article.GetProperty("article").GetProperty("title").GetString());

        using var missing = await _http.GetAsync(SearchWeb("/v1/articles/nao-existe"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task RestSuggest_CompletesTheLastWord()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>(SearchWeb("/v1/suggest?prefix=ciber&limit=5"));

        var texts = body.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.Contains(texts, t => t!.StartsWith("ciberespaço", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RestIngest_PostedArticleIsSearchable()
    {
        using var posted = await _http.PostAsJsonAsync(IngestWeb("/v1/articles"), new
        {
            article = new { title = "Observatório de Lisboa", body = "O observatório astronómico de Lisboa reabriu ao público após obras de restauro." },
            waitForIndexed = true,
        });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var created = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("INGEST_STATUS_CREATED", created.GetProperty("status").GetString());
        var found = await _http.GetFromJsonAsync<JsonElement>(SearchWeb("/v1/search?query=observatorio"));
        Assert.Equal(created.GetProperty("id").GetString(), found.GetProperty("hits")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task RestIngest_EmptyBody_Is400NamingTheField()
    {
        using var posted = await _http.PostAsJsonAsync(IngestWeb("/v1/articles"), new { article = new { title = "Sem corpo" } });

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("article.body", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GrpcWeb_TypedClientOverHttp1_Searches()
    {
        using var channel = GrpcChannel.ForAddress(_system.Search.WebAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        var result = await new SearchService.SearchServiceClient(channel).SearchAsync(new SearchRequest { Query = "NATO" });

        Assert.Equal(_seedId, Assert.Single(result.Hits).Id);
    }

    [Theory]
    [InlineData(FrontEndOrigin, true)]
    [InlineData("https://other.example.test", false)]
    public async Task Cors_AllowsOnlyConfiguredOrigins(string origin, bool allowed)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, SearchWeb("/search.v1.SearchService/Search"));
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web");
        using var response = await _http.SendAsync(preflight);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }

    [Fact]
    public async Task OpenApi_DescribesTheRestRoutes()
    {
        var search = await _http.GetFromJsonAsync<JsonElement>(SearchWeb("/openapi/v1.json"));
        var ingest = await _http.GetFromJsonAsync<JsonElement>(IngestWeb("/openapi/v1.json"));

        var searchPaths = search.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/search", searchPaths);
        Assert.Contains("/v1/articles/{id}", searchPaths);
        Assert.Contains("/v1/articles/{id}/related", searchPaths);
        Assert.Contains("/v1/suggest", searchPaths);
        Assert.Contains("/v1/articles", ingest.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Operations_HealthAndPrometheusMetrics()
    {
        Assert.Equal("Healthy", await _http.GetStringAsync(SearchWeb("/healthz")));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(IngestWeb("/alive"))).StatusCode);
        await _http.GetStringAsync(SearchWeb("/v1/search?query=OTAN"));

        var metrics = await _http.GetStringAsync(SearchWeb("/metrics"));

        // Request rate and latency per route, from ASP.NET Core's own instrumentation.
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("/v1/search", StringComparison.Ordinal));

        // The services' own instruments exist from start-up, though nothing asks for them.
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("seedsearch_index_documents", StringComparison.Ordinal));
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("seedsearch_index_writable", StringComparison.Ordinal));
        var ingestMetrics = await _http.GetStringAsync(IngestWeb("/metrics"));
        Assert.Contains(ingestMetrics.Split('\n'), line => line.StartsWith("seedsearch_outbox_depth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchPage_IsServedAtTheRoot()
    {
        var html = await _http.GetStringAsync(SearchWeb("/"));
        var script = await _http.GetStringAsync(SearchWeb("/app.js"));

        Assert.Contains("<html lang=\"pt-BR\">", html);
        Assert.Contains("/v1/search?", script);
    }
}
