using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using IndexDelete = SeedSearch.Contracts.Search.V1.DeleteArticleRequest;
using IngestDelete = SeedSearch.Contracts.Ingest.V1.DeleteArticleRequest;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// Hostile values in every field of every RPC, over gRPC and JSON/REST: each answer is a result
/// or a documented client error (INVALID_ARGUMENT with field violations, NOT_FOUND), never
/// UNKNOWN, INTERNAL or an HTTP 5xx, and both services still work afterwards.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ValidBody = "O Parlamento aprovou ontem a nova lei de proteção de dados, depois de um longo debate.";
    private const string HostileDate = "20 de julho\uFFFE de 2021";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    private readonly HttpClient _http = new();
    private TestSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = TestSystem.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task IngestArticle_NoncharacterInPublishedAt_IsFieldViolationOverGrpcAndRest()
    {
        var article = new RawArticle { Body = ValidBody, PublishedAt = HostileDate };

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = article }).ResponseAsync);
        RpcAssert.FieldViolation(ex, "article.published_at");

        using var response = await PostArticleAsync(Json.Format(new IngestArticleRequest { Article = article }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)Code.InvalidArgument, error.GetProperty("code").GetInt32());
        var violations = error.GetProperty("details")[0].GetProperty("fieldViolations");
        Assert.Contains(violations.EnumerateArray(), v => v.GetProperty("field").GetString() == "article.published_at");
    }

    [Fact]
    public async Task IngestArticles_OneHostileItemInFifty_RejectsItAloneWithItsIndex()
    {
        using var call = _system.IngestClient.IngestArticles();
        for (var i = 0; i < 50; i++)
        {
            await call.RequestStream.WriteAsync(new IngestArticlesRequest
            {
                WaitForIndexed = i == 0,
                Article = new RawArticle { Id = $"stream-{i}", Body = $"{ValidBody} Artigo {i}.", PublishedAt = i == 23 ? HostileDate : "20 de julho de 2021" },
            });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(50, response.ReceivedCount);
        Assert.Equal(49, response.AcceptedCount);
        Assert.Equal(1, response.RejectedCount);
        var rejected = Assert.Single(response.Rejected);
        Assert.Equal(23, rejected.Index);
        Assert.Equal("stream-23", rejected.Id);
        Assert.Equal("article.published_at", Assert.Single(rejected.FieldViolations).Field);
        await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = "stream-49" });
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = "stream-23" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task EveryRpc_ThousandHostileRequests_NeverAServerError()
    {
        var values = new HostileValues(20261206);
        var tally = new Dictionary<string, (int Ok, int Refused)>();
        var failures = new List<string>();
        var knownIds = new List<string> { "nao-existe" };
        var tokens = new List<string>();
        var index = new IndexService.IndexServiceClient(_system.Search.Channel);

        void Count(string rpc, bool ok)
        {
            var (good, bad) = tally.GetValueOrDefault(rpc);
            tally[rpc] = ok ? (good + 1, bad) : (good, bad + 1);
        }

        // call returns whether everything it sent was accepted (a stream may refuse single items).
        async Task Grpc(string rpc, string request, Func<Task<bool>> call)
        {
            try
            {
                Count(rpc, await call());
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
            {
                Count(rpc, false);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument
                && ex.GetRpcStatus()?.GetDetail<BadRequest>() is { FieldViolations.Count: > 0 })
            {
                Count(rpc, false);
            }
            catch (RpcException ex)
            {
                failures.Add($"{rpc} gRPC {ex.StatusCode} \"{ex.Status.Detail}\" for {Shorten(request)}");
            }
        }

        async Task Rest(string rpc, HttpRequestMessage message)
        {
            using (message)
            {
                using var response = await _http.SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                // 414: Kestrel's limit on the request line, for ids and queries of thousands of characters.
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.RequestUriTooLong))
                {
                    failures.Add($"{rpc} REST {(int)response.StatusCode} {Shorten(body)} for {message.Method} {Shorten(message.RequestUri!.ToString())}");
                    return;
                }

                Count(rpc, response.StatusCode == HttpStatusCode.OK);
            }
        }

        for (var i = 0; i < 1000; i++)
        {
            var overRest = i % 2 == 1;
            switch (i % 20)
            {
                case < 5:
                {
                    var request = new IngestArticleRequest { Article = Article(values) };
                    if (!overRest)
                    {
                        await Grpc("IngestArticle", request.ToString(), async () =>
                        {
                            knownIds.Add((await _system.IngestClient.IngestArticleAsync(request)).Id);
                            return true;
                        });
                    }
                    else
                    {
                        // Some bodies are not even the request's JSON: wrong types, broken syntax.
                        var json = values.Chance(0.2)
                            ? values.Pick("{", "[]", "{\"article\":[]}", "{\"article\":{\"tags\":5}}", "{\"article\":{\"body\":1e999}}",
                                "{\"waitForIndexed\":\"sim\"}", "{\"article\":{\"body\":\"x\",\"unknownField\":1}}", "\u0000", "{\"article\":{\"body\":\"\\ud800\"}}")
                            : Json.Format(request);
                        await Rest("IngestArticle", new HttpRequestMessage(HttpMethod.Post, IngestWeb("/v1/articles"))
                        {
                            Content = new StringContent(json, Encoding.UTF8, "application/json"),
                        });
                    }

                    break;
                }

                case < 7:
                {
                    var items = Enumerable.Range(0, 1 + (i % 7)).Select(_ => Article(values)).ToList();
                    await Grpc("IngestArticles", string.Join(", ", items), async () =>
                    {
                        using var call = _system.IngestClient.IngestArticles();
                        var response = await SendAllAsync(call, items.Select(item => new IngestArticlesRequest { Article = item }));
                        Assert.Equal(items.Count, response.ReceivedCount);
                        Assert.Equal(items.Count, response.AcceptedCount + response.RejectedCount);
                        Assert.All(response.Rejected, r => Assert.True(r.Index < items.Count && r.FieldViolations.Count > 0));
                        return response.RejectedCount == 0;
                    });
                    break;
                }

                case < 8:
                {
                    var id = values.Chance(0.3) ? values.Pick([.. knownIds]) : values.Text();
                    if (!overRest)
                    {
                        await Grpc("DeleteArticle (ingest)", id, async () => (await _system.IngestClient.DeleteArticleAsync(new IngestDelete { Id = id })) is not null);
                    }
                    else
                    {
                        await Rest("DeleteArticle (ingest)", new HttpRequestMessage(HttpMethod.Delete, IngestWeb($"/v1/articles/{Escape(id)}")));
                    }

                    break;
                }

                case < 14:
                {
                    // Each field is hostile now and then, so that some requests pass every check.
                    var request = new SearchRequest
                    {
                        Query = values.Chance(0.6) ? values.Pick("OTAN", "lei", "dados parlamento", "\"proteção de dados\"", "prote*") : values.Text(),
                        PageSize = values.Chance(0.7) ? values.Pick(0, 1, 10) : values.Int(),
                        PageToken = values.Chance(0.7) ? "" : tokens.Count > 0 && values.Chance(0.5) ? values.Pick([.. tokens]) : values.Text(),
                        Syntax = values.Chance(0.7) ? Syntax.Simple : values.Enum<Syntax>(),
                        PublishedAfter = values.Chance(0.7) ? null : values.Time(),
                        PublishedBefore = values.Chance(0.7) ? null : values.Time(),
                        Sort = values.Chance(0.7) ? Sort.Relevance : values.Enum<Sort>(),
                    };
                    request.Sources.AddRange(values.Chance(0.7) ? [] : values.List(3));
                    request.Tags.AddRange(values.Chance(0.7) ? [] : values.List(3));
                    if (!overRest)
                    {
                        await Grpc("Search", request.ToString(), async () =>
                        {
                            var response = await _system.SearchClient.SearchAsync(request);
                            if (response.NextPageToken.Length > 0)
                            {
                                tokens.Add(response.NextPageToken);
                            }

                            return true;
                        });
                    }
                    else
                    {
                        await Rest("Search", new HttpRequestMessage(HttpMethod.Get, SearchWeb("/v1/search?" + SearchQueryString(request, values))));
                    }

                    break;
                }

                case < 16:
                {
                    var prefix = values.TextOrValid("parl");
                    var limit = values.Chance(0.5) ? 0 : values.Int();
                    if (!overRest)
                    {
                        await Grpc("Suggest", prefix, async () => (await _system.SearchClient.SuggestAsync(new SuggestRequest { Prefix = prefix, Limit = limit })) is not null);
                    }
                    else
                    {
                        var limitText = values.Chance(0.2) ? values.Text() : limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        await Rest("Suggest", new HttpRequestMessage(HttpMethod.Get, SearchWeb($"/v1/suggest?prefix={Escape(prefix)}&limit={Escape(limitText)}")));
                    }

                    break;
                }

                case < 18:
                {
                    var id = values.Chance(0.4) ? values.Pick([.. knownIds]) : values.Text();
                    if (!overRest)
                    {
                        await Grpc("GetArticle", id, async () => (await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = id })).Article.Id == id.Trim());
                    }
                    else
                    {
                        await Rest("GetArticle", new HttpRequestMessage(HttpMethod.Get, SearchWeb($"/v1/articles/{Escape(id)}")));
                    }

                    break;
                }

                case 18:
                {
                    var articles = Enumerable.Range(0, 1 + (i % 3)).Select(_ => IndexedArticle(values)).ToList();
                    await Grpc("IndexArticles", string.Join(", ", articles), async () =>
                    {
                        using var call = index.IndexArticles(TestSystem.IndexCredentials);
                        var requests = articles.Select(a => new IndexArticlesRequest { Article = a, TraceParent = values.Text() }).ToList();
                        return (await SendAllAsync(call, requests)).Results.Count == articles.Count;
                    });
                    break;
                }

                default:
                {
                    var id = values.Chance(0.3) ? values.Pick([.. knownIds]) : values.Text();
                    await Grpc("DeleteArticle (index)", id, async () => (await index.DeleteArticleAsync(new IndexDelete { Id = id }, TestSystem.IndexCredentials)) is not null);
                    break;
                }
            }
        }

        Assert.Empty(failures);
        output.WriteLine(string.Join("\n", tally.Select(p => $"{p.Key}: {p.Value.Ok} answered, {p.Value.Refused} refused")));
        Assert.Equal(8, tally.Count);
        Assert.All(tally, pair => Assert.True(pair.Value.Ok > 0 && pair.Value.Refused > 0,
            $"{pair.Key}: {pair.Value.Ok} answered, {pair.Value.Refused} refused; the generator must reach both"));

        // Both services still work: a new article goes through the outbox into the index, and
        // nothing accepted was refused by search (ingest's validation covers search's).
        var probe = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle { Id = "probe-after-hostile", Body = "Zumbidos raríssimos ouvidos no Parlamento depois do debate." },
        });
        var found = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "zumbidos" });
        Assert.Contains(found.Hits, h => h.Id == probe.Id);
        GetStatusResponse status = new();
        await Poll.UntilAsync(async () => (status = await _system.IngestClient.GetStatusAsync(new GetStatusRequest())).OutboxDepth == 0,
            TimeSpan.FromSeconds(30), () => $"outbox depth {status.OutboxDepth}");
        Assert.Equal(0, status.DeadLetterCount);
        Assert.Empty(_system.Errors);
    }

    // Search refuses an invalid stream as soon as it reads the bad item: a write after that fails
    // on the client with CANCELLED, and the call's answer holds the real status.
    private static async Task<TResponse> SendAllAsync<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call,
        IEnumerable<TRequest> requests)
    {
        try
        {
            foreach (var request in requests)
            {
                await call.RequestStream.WriteAsync(request);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The answer below says why the stream ended.
        }

        return await call.ResponseAsync;
    }

    private static RawArticle Article(HostileValues values)
    {
        var article = new RawArticle
        {
            Id = values.Chance(0.5) ? "" : values.TextOrValid($"art-{Guid.NewGuid():N}"),
            Title = values.Chance(0.5) ? "" : values.TextOrValid("Lei de proteção de dados"),
            Body = values.TextOrValid(ValidBody),
            Url = values.Chance(0.5) ? "" : values.TextOrValid($"https://exemplo.pt/{Guid.NewGuid():N}?utm_source=x"),
            Source = values.Chance(0.5) ? "" : values.TextOrValid("Público"),
            PublishedAt = values.Chance(0.4) ? "" : values.TextOrValid(values.Pick("20 de julho de 2021", "2021-07-20T10:30:00Z", "20/07/2021")),
            ContentType = values.Pick("", "", "text/plain", "text/html", "text/markdown", values.Text()),
        };
        article.Tags.AddRange(values.Chance(0.05) ? Enumerable.Range(0, 51).Select(n => $"t{n}") : values.List(3));
        return article;
    }

    private static Article IndexedArticle(HostileValues values)
    {
        var article = new Article
        {
            Id = values.TextOrValid($"idx-{Guid.NewGuid():N}"),
            Title = values.Text(),
            Body = values.TextOrValid(ValidBody),
            Url = values.Text(),
            Source = values.Text(),
            PublishedAt = values.Time(),
            ContentHash = values.Text(),
        };
        article.Tags.AddRange(values.List(3));
        return article;
    }

    private static string SearchQueryString(SearchRequest request, HostileValues values)
    {
        var parts = new List<string> { $"query={Escape(request.Query)}" };
        parts.Add($"page_size={(values.Chance(0.1) ? Escape(values.Text()) : request.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        parts.Add($"page_token={Escape(request.PageToken)}");
        parts.Add($"sort={(values.Chance(0.1) ? Escape(values.Text()) : values.Pick("SORT_UNSPECIFIED", "SORT_RELEVANCE", "SORT_NEWEST", "SORT_OLDEST", "7"))}");
        parts.Add($"syntax={(values.Chance(0.1) ? Escape(values.Text()) : values.Pick("SYNTAX_SIMPLE", "SYNTAX_LUCENE", "-1"))}");
        if (request.PublishedAfter is not null)
        {
            parts.Add($"published_after={Escape(values.Chance(0.3) ? values.Text() : "2021-07-20T00:00:00Z")}");
        }

        if (values.Chance(0.1))
        {
            parts.Add($"published_before={Escape(values.Text())}");
        }

        parts.AddRange(request.Sources.Select(v => $"sources={Escape(v)}"));
        parts.AddRange(request.Tags.Select(v => $"tags={Escape(v)}"));
        if (values.Chance(0.1))
        {
            // Raw bytes that are not UTF-8 and parameters the route does not have.
            parts.Add(values.Pick("query=%FF%FE", "%00=%00", "unknown_field=1", "page_size=1e99", "query"));
        }

        return string.Join('&', parts);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private Task<HttpResponseMessage> PostArticleAsync(string json) =>
        _http.PostAsync(IngestWeb("/v1/articles"), new StringContent(json, Encoding.UTF8, "application/json"));

    private Uri SearchWeb(string path) => new(_system.Search.WebAddress, path);

    private Uri IngestWeb(string path) => new(_system.Ingest.WebAddress, path);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
