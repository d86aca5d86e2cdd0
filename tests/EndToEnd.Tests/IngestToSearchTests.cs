using System.Text;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

public sealed class IngestToSearchTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    private static string SeedText => File.ReadAllText(Directory.EnumerateFiles(TestSystem.SeedsFolder, "*.txt").Order().First());

    public Task InitializeAsync()
    {
        _system = TestSystem.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task IngestArticle_Seed_IsFoundByEveryQueryAndSurvivesASearchRestart()
    {
        var created = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Body = SeedText } });
        var again = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Body = SeedText } });

        Assert.Equal(IngestStatus.Created, created.Status);
        Assert.Equal(IngestStatus.Unchanged, again.Status);
        Assert.Equal(created.Id, again.Id);
        await AssertSeedQueriesFindAsync(created.Id);

        await _system.RestartSearchAsync();

        await AssertSeedQueriesFindAsync(created.Id);
        var stored = await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = created.Id });
        Assert.Equal(SeedText.Trim(), stored.Article.Body);
        Assert.StartsWith("Embaixadas chinesas em toda a União Europeia", stored.Article.Title);
        Assert.Empty(_system.Errors);
    }

    [Fact]
    public async Task IngestArticle_Html_IsSearchableAsTextOnAcknowledgement()
    {
        var response = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle
            {
                Body = "<p>O Parlamento de Lisboa aprovou ontem a nova lei das telecomunica&ccedil;&otilde;es, disse o ministro Zeferino.</p>",
                ContentType = "text/html",
                Url = "https://example.test/zeferino",
                PublishedAt = "20 de julho de 2021",
                Source = "Exemplo",
            },
        });

        // Acknowledged means committed and visible: no polling needed.
        var result = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "telecomunicacoes Zeferino" });
        var hit = Assert.Single(result.Hits);
        Assert.Equal(response.Id, hit.Id);
        Assert.Equal("https://example.test/zeferino", hit.Url);
        Assert.Equal("Exemplo", hit.Source);
        Assert.Equal(DateTimeOffset.Parse("2021-07-20T00:00:00-03:00"), hit.PublishedAt.ToDateTimeOffset());
        Assert.DoesNotContain("<p>", hit.Snippet);
        Assert.Contains("<em>Zeferino</em>", hit.Snippet);
    }

    [Fact]
    public async Task IngestArticles_BulkWithBadItems_ReportsThemAndIndexesTheRest()
    {
        using var call = _system.IngestClient.IngestArticles();
        string[] bodies = ["Primeira notícia sobre eleições.", "", "Segunda notícia sobre eleições.", "Terceira com data ruim.", "Terceira notícia sobre eleições."];
        for (var i = 0; i < bodies.Length; i++)
        {
            var article = new RawArticle { Id = $"bulk-{i}", Body = bodies[i], PublishedAt = i == 3 ? "ontem à noite" : "" };
            await call.RequestStream.WriteAsync(new IngestArticlesRequest { WaitForIndexed = true, Article = article });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(5, response.ReceivedCount);
        Assert.Equal(3, response.AcceptedCount);
        Assert.Equal(3, response.CreatedCount);
        Assert.Equal(2, response.RejectedCount);
        Assert.Equal([1, 3], response.Rejected.Select(r => r.Index));
        Assert.Equal(["article.body", "article.published_at"], response.Rejected.Select(r => r.FieldViolations.Single().Field));
        Assert.Equal("bulk-3", response.Rejected[1].Id);

        var search = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "eleições" });
        Assert.Equal(["bulk-0", "bulk-2", "bulk-4"], search.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task IngestArticles_ManyGroupsWithBadItemsAndRepeatedIds_KeepsStreamOrder()
    {
        // More articles than ingest normalises at once, so groups normalised in parallel must still
        // report rejections by stream index and apply repeated ids in stream order.
        const int count = 300;
        const int repeatFrom = 250;
        bool Invalid(int i) => i % 7 == 3;
        string IdOf(int i) => $"group-{(i >= repeatFrom ? i - repeatFrom : i)}";
        using var call = _system.IngestClient.IngestArticles();
        for (var i = 0; i < count; i++)
        {
            var body = Invalid(i) ? "" : $"Notícia número {i} sobre o orçamento da saúde.";
            await call.RequestStream.WriteAsync(new IngestArticlesRequest { WaitForIndexed = true, Article = new RawArticle { Id = IdOf(i), Body = body } });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        var invalid = Enumerable.Range(0, count).Where(Invalid).ToList();
        var repeatedOfValid = Enumerable.Range(repeatFrom, count - repeatFrom).Count(i => !Invalid(i) && !Invalid(i - repeatFrom));
        Assert.Equal(count, response.ReceivedCount);
        Assert.Equal(invalid, response.Rejected.Select(r => r.Index));
        Assert.Equal(invalid.Select(IdOf), response.Rejected.Select(r => r.Id));
        Assert.Equal(count - invalid.Count, response.AcceptedCount);
        Assert.Equal(repeatedOfValid, response.UpdatedCount);
        Assert.Equal(count - invalid.Count - repeatedOfValid, response.CreatedCount);
        for (var i = repeatFrom; i < count; i++)
        {
            var stored = await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = IdOf(i) });
            var expected = Invalid(i) ? i - repeatFrom : i;
            Assert.Equal($"Notícia número {expected} sobre o orçamento da saúde.", stored.Article.Body);
        }
    }

    [Fact]
    public async Task IngestArticle_Mojibake_IsRepairedBeforeIndexing()
    {
        // UTF-8 bytes that a feed decoded as Windows-1252.
        var garbled = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("A proteção da informação pública, disse o ministro Quintiliano."));
        await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Id = "moji", Body = garbled } });

        var hit = Assert.Single((await _system.SearchClient.SearchAsync(new SearchRequest { Query = "informação Quintiliano" })).Hits);
        var article = await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = hit.Id });

        Assert.Equal("A proteção da informação pública, disse o ministro Quintiliano.", article.Article.Body);
        Assert.Contains("<em>informação</em>", hit.Snippet);
    }

    [Fact]
    public async Task Search_WalkingPages_ReturnsEveryHitOnceAndEndsWithAnEmptyToken()
    {
        using var call = _system.IngestClient.IngestArticles();
        for (var i = 0; i < 12; i++)
        {
            await call.RequestStream.WriteAsync(new IngestArticlesRequest
            {
                WaitForIndexed = true,
                Article = new RawArticle { Id = $"p{i:00}", Body = $"Notícia {i} sobre vacinação{string.Concat(Enumerable.Repeat(" vacinação", i % 4))}." },
            });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(12, (await call).CreatedCount);

        var ids = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "vacinação", PageSize = 5, PageToken = token });
            Assert.Equal(12, page.TotalHits);
            ids.AddRange(page.Hits.Select(h => h.Id));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"p{i:00}"), ids.Order());
    }

    [Fact]
    public async Task DeleteArticle_ThroughIndexService_RemovesIt()
    {
        var response = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Id = "del-1", Body = "Artigo temporário." } });
        var index = new IndexService.IndexServiceClient(_system.Search.Channel);

        var deleted = await index.DeleteArticleAsync(new Contracts.Search.V1.DeleteArticleRequest { Id = response.Id }, TestSystem.IndexCredentials);
        var again = await index.DeleteArticleAsync(new Contracts.Search.V1.DeleteArticleRequest { Id = response.Id }, TestSystem.IndexCredentials);

        Assert.True(deleted.Found);
        Assert.False(again.Found);
        var ex = await Assert.ThrowsAsync<RpcException>(() => _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = "del-1" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    private async Task AssertSeedQueriesFindAsync(string id)
    {
        foreach (var query in new[] { "OTAN", "otan", "Exchange", "ciberespaco", "ciberespaço", "acusação", "ataque cibernético", "\"Microsoft Exchange\"" })
        {
            var result = await _system.SearchClient.SearchAsync(new SearchRequest { Query = query });
            Assert.True(result.Hits.Count > 0, $"no hit for {query}");
            Assert.Equal(id, result.Hits[0].Id);
            Assert.Contains("<em>", result.Hits[0].Snippet);
            Assert.True(result.Hits[0].Score > 0);
        }
    }
}
