using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest;
using SeedSearch.Search;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Search on a temporary index and ingest pointing at it, both on free loopback ports.</summary>
public sealed class TestSystem : IAsyncDisposable
{
    private TestSystem(string indexPath, ServiceHost<SearchHostMarker> search, ServiceHost<IngestHostMarker> ingest)
    {
        IndexPath = indexPath;
        Search = search;
        Ingest = ingest;
    }

    public string IndexPath { get; }

    public ServiceHost<SearchHostMarker> Search { get; private set; }

    public ServiceHost<IngestHostMarker> Ingest { get; private set; }

    public SearchService.SearchServiceClient SearchClient => new(Search.Channel);

    public IngestService.IngestServiceClient IngestClient => new(Ingest.Channel);

    public static string SeedsFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static TestSystem Start(string? seedsPath = null, IReadOnlyDictionary<string, string?>? ingestSettings = null)
    {
        var indexPath = Path.Combine(Path.GetTempPath(), "seed-search-e2e", Guid.NewGuid().ToString("N"));
        var search = StartSearch(indexPath);
        return new TestSystem(indexPath, search, StartIngest(search.Address, seedsPath, ingestSettings));
    }

    public static ServiceHost<SearchHostMarker> StartSearch(string indexPath, int port = 0) =>
        ServiceHost<SearchHostMarker>.Start(new Dictionary<string, string?> { ["Index:Path"] = indexPath }, port);

    public static ServiceHost<IngestHostMarker> StartIngest(Uri searchAddress, string? seedsPath = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Search:Address"] = searchAddress.ToString(),
            ["Seeds:Path"] = seedsPath ?? "",
            ["Publishing:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServiceHost<IngestHostMarker>.Start(settings);
    }

    /// <summary>Stops search and starts it again over the same index directory and port.</summary>
    public async Task RestartSearchAsync()
    {
        var port = Search.Address.Port;
        await Search.DisposeAsync();
        Search = StartSearch(IndexPath, port);
    }

    /// <summary>Stops ingest and starts it again with the given seed folder.</summary>
    public async Task RestartIngestAsync(string? seedsPath)
    {
        await Ingest.DisposeAsync();
        Ingest = StartIngest(Search.Address, seedsPath);
    }

    /// <summary>Every error logged by either service.</summary>
    public IReadOnlyList<string> Errors => Search.Logs.Errors.Concat(Ingest.Logs.Errors).ToList();

    public async ValueTask DisposeAsync()
    {
        await Ingest.DisposeAsync();
        await Search.DisposeAsync();
        try
        {
            Directory.Delete(IndexPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
