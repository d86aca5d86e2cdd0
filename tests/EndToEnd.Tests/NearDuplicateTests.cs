using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Near-duplicates through ingest and search: one hit per story with its copies, or every copy when asked.</summary>
public sealed class NearDuplicateTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = TestSystem.Start(seedsPath: "");
        var seed = File.ReadAllText(Directory.EnumerateFiles(TestSystem.SeedsFolder, "*.txt").Order().First());
        // The same wire story from a second outlet, one sentence rewritten.
        var sentences = Regex.Split(seed, @"(?<=[.!?])\s+");
        sentences[3] = "Uma frase nova, escrita por outra redação, entra no lugar desta.";
        await Ingest("global-times", seed, "Global Times");
        await Ingest("reprint", string.Join(' ', sentences), "Reprint");
        await Ingest("nato-2023", "A OTAN ampliou a presença no Báltico com novos exercícios navais e aéreos.", "Agência");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Search_OverGrpc_ShowsTheStoryOnceWithItsCopy_AndEveryCopyWhenAsked()
    {
        var collapsed = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "OTAN" });
        var all = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "OTAN", IncludeCopies = true });

        Assert.Equal(2, collapsed.Hits.Count);
        var story = Assert.Single(collapsed.Hits, h => h.Id != "nato-2023");
        var copy = Assert.Single(story.Copies);
        Assert.Equal(1, story.CopyCount);
        Assert.Equal(story.Id == "reprint" ? ("global-times", "Global Times") : ("reprint", "Reprint"), (copy.Id, copy.Source));
        Assert.Empty(collapsed.Hits.Single(h => h.Id == "nato-2023").Copies);
        Assert.Equal(["global-times", "nato-2023", "reprint"], all.Hits.Select(h => h.Id).Order());
        Assert.All(all.Hits, h => Assert.Empty(h.Copies));
    }

    [Fact]
    public async Task Search_OverRest_ListsCopies_TakesIncludeCopies_AndRefusesABadFlag()
    {
        using var http = new HttpClient { BaseAddress = _system.Search.WebAddress };

        var collapsed = await http.GetFromJsonAsync<JsonElement>("/v1/search?query=OTAN");
        var all = await http.GetFromJsonAsync<JsonElement>("/v1/search?query=OTAN&include_copies=true");
        using var bad = await http.GetAsync("/v1/search?query=OTAN&include_copies=talvez");

        var hits = collapsed.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(2, hits.Count);
        var story = hits.Single(h => h.GetProperty("id").GetString() != "nato-2023");
        Assert.Single(story.GetProperty("copies").EnumerateArray());
        Assert.Equal(1, story.GetProperty("copyCount").GetInt32());
        Assert.Equal(3, all.GetProperty("hits").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, error.GetProperty("code").GetInt32());
        Assert.Equal("include_copies", error.GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString());
    }

    private async Task Ingest(string id, string body, string source) =>
        await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle { Id = id, Body = body, Source = source, PublishedAt = "2021-07-20" },
        });
}
