using Microsoft.Extensions.DependencyInjection;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest.Ingestion;
using SeedSearch.Ingest.Sources;

namespace SeedSearch.EndToEnd.Tests;

public sealed class SeedImportTests
{
    [Fact]
    public async Task SeedFolder_AtStartup_IsImportedAndReimportedAsUnchanged()
    {
        await using var system = TestSystem.Start(seedsPath: TestSystem.SeedsFolder);

        var first = await ImportSummaryAsync(system);
        Assert.NotNull(first);
        var seedCount = Directory.GetFiles(TestSystem.SeedsFolder, "*.txt").Length;
        Assert.Equal(seedCount, first.Created);
        Assert.Equal(0, first.RejectedCount);

        var found = await system.SearchClient.SearchAsync(new SearchRequest { Query = "OTAN" });
        Assert.Contains("OTAN", found.Hits[0].Snippet);

        await system.RestartIngestAsync(TestSystem.SeedsFolder);
        var second = await ImportSummaryAsync(system);
        Assert.NotNull(second);
        Assert.Equal(seedCount, second.Unchanged);
        Assert.Equal(0, second.Created);
        Assert.Empty(system.Errors);
    }

    [Fact]
    public async Task SeedFolder_SearchStartsLater_IsImportedOnceSearchIsUp()
    {
        using var data = new TempDirectory();
        var indexPath = data.Combine("index");
        // Reserve a port for search by starting and stopping it, then start ingest first.
        var probe = TestSystem.StartSearch(indexPath);
        var port = probe.Address.Port;
        var address = probe.Address;
        await probe.DisposeAsync();

        await using var ingest = TestSystem.StartIngest(address, TestSystem.SeedsFolder);
        await using var search = TestSystem.StartSearch(indexPath, port);

        var summary = await ingest.Services.GetRequiredService<SeedFolderImporter>().Completion.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.NotNull(summary);
        Assert.True(summary.Created >= 1);
        var found = await new SearchService.SearchServiceClient(search.Channel).SearchAsync(new SearchRequest { Query = "Exchange" });
        Assert.Single(found.Hits);
    }

    private static Task<BulkIngestSummary?> ImportSummaryAsync(TestSystem system) =>
        system.Ingest.Services.GetRequiredService<SeedFolderImporter>().Completion.Task.WaitAsync(TimeSpan.FromMinutes(2));
}
