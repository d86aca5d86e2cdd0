using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest;
using SeedSearch.Search;

namespace SeedSearch.TestSupport;

/// <summary>Search on a temporary index and ingest pointing at it, both on free loopback ports.</summary>
public sealed class TestSystem : IAsyncDisposable
{
    private TestSystem(TempDirectory data, ServiceHost<SearchHostMarker>? search, ServiceHost<IngestHostMarker> ingest, int searchPort,
        TcpFaultProxy? proxy)
    {
        _data = data;
        _search = search;
        Ingest = ingest;
        _searchPort = searchPort;
        _proxy = proxy;
    }

    private readonly TempDirectory _data;
    private ServiceHost<SearchHostMarker>? _search;
    private readonly TcpFaultProxy? _proxy;
    private readonly int _searchPort;
    private IReadOnlyDictionary<string, string?>? _searchSettings;

    /// <summary>Temporary folder holding the index and the ingest outbox.</summary>
    public string DataPath => _data.Path;

    public string IndexPath => Path.Combine(DataPath, "index");

    public string OutboxPath => Path.Combine(DataPath, "outbox", "ingest.db");

    public ServiceHost<SearchHostMarker> Search => _search ?? throw new InvalidOperationException("search is stopped");

    public ServiceHost<IngestHostMarker> Ingest { get; private set; }

    public SearchService.SearchServiceClient SearchClient => new(Search.Channel);

    public IngestService.IngestServiceClient IngestClient => new(Ingest.Channel);

    /// <summary>The fault proxy ingest reaches search through, when started with one.</summary>
    public TcpFaultProxy Proxy => _proxy ?? throw new InvalidOperationException("started without a fault proxy");

    public static string SeedsFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>
    /// Starts search, then ingest pointing at it; with <paramref name="faultProxy"/>, ingest
    /// reaches search through a <see cref="TcpFaultProxy"/> (see <see cref="Proxy"/>).
    /// </summary>
    public static TestSystem Start(string? seedsPath = null, IReadOnlyDictionary<string, string?>? ingestSettings = null,
        IReadOnlyDictionary<string, string?>? searchSettings = null, bool faultProxy = false)
    {
        var data = new TempDirectory();
        var search = StartSearch(data.Combine("index"), extra: searchSettings);
        var proxy = faultProxy ? new TcpFaultProxy(search.Address) : null;
        var ingest = StartIngest(proxy?.Address ?? search.Address, seedsPath, ingestSettings, data.Combine("outbox", "ingest.db"));
        return new TestSystem(data, search, ingest, search.Address.Port, proxy) { _searchSettings = searchSettings };
    }

    /// <summary>The key search accepts for its write service, and ingest sends.</summary>
    public const string IndexKey = "test-index-key";

    /// <summary>Call headers carrying <see cref="IndexKey"/>, for tests that call search's IndexService directly.</summary>
    public static Grpc.Core.Metadata IndexCredentials => new() { { "authorization", $"Bearer {IndexKey}" } };

    public static ServiceHost<SearchHostMarker> StartSearch(string indexPath, int port = 0, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Index:Path"] = indexPath,
            ["Auth:ApiKeys:ingest:Key"] = IndexKey,
            ["Auth:ApiKeys:ingest:Scopes"] = "write",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServiceHost<SearchHostMarker>.Start(settings, port);
    }

    /// <summary>
    /// Starts ingest forwarding to <paramref name="searchAddress"/>; without <paramref name="outboxPath"/>
    /// its outbox lives in a temporary folder that goes with the host.
    /// </summary>
    public static ServiceHost<IngestHostMarker> StartIngest(Uri searchAddress, string? seedsPath = null,
        IReadOnlyDictionary<string, string?>? extra = null, string? outboxPath = null)
    {
        var outboxFolder = outboxPath is null ? new TempDirectory() : null;
        var settings = new Dictionary<string, string?>
        {
            ["Search:Address"] = searchAddress.ToString(),
            ["Search:ApiKey"] = IndexKey,
            // Tests write to ingest without credentials unless they test them (AuthTests).
            ["Auth:AllowAnonymousWrites"] = "true",
            ["Seeds:Path"] = seedsPath ?? "",
            ["Publishing:RetryBaseDelay"] = "00:00:00.050",
            ["Outbox:Path"] = outboxPath ?? outboxFolder!.Combine("outbox.db"),
            ["Outbox:MaxRetryPause"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServiceHost<IngestHostMarker>.Start(settings, owned: outboxFolder);
    }

    /// <summary>Stops search and starts it again over the same index directory and port.</summary>
    public async Task RestartSearchAsync()
    {
        await StopSearchAsync();
        StartSearchAgain();
    }

    /// <summary>Stops search; ingest keeps running and keeps its address.</summary>
    public async Task StopSearchAsync()
    {
        await Search.DisposeAsync();
        _search = null;
    }

    /// <summary>Starts search again over the same index directory and port.</summary>
    public void StartSearchAgain() => _search = StartSearch(IndexPath, _searchPort, _searchSettings);

    /// <summary>Stops ingest and starts it again with the given seed folder, over the same outbox.</summary>
    public async Task RestartIngestAsync(string? seedsPath)
    {
        await Ingest.DisposeAsync();
        Ingest = StartIngest(Search.Address, seedsPath, outboxPath: OutboxPath);
    }

    /// <summary>Every error logged by either service.</summary>
    public IReadOnlyList<string> Errors => Search.Logs.Errors.Concat(Ingest.Logs.Errors).ToList();

    public async ValueTask DisposeAsync()
    {
        await Ingest.DisposeAsync();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_search is not null)
        {
            await _search.DisposeAsync();
        }

        _data.Dispose();
    }
}
