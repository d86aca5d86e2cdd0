using System.Diagnostics;
using Grpc.Net.Client;

namespace SeedSearch.TestSupport;

/// <summary>
/// A fresh Search + Ingest pair from the Release builds, on free loopback ports, over an empty
/// index of its own: each run measures exactly one corpus. Disposing kills both and deletes the index.
/// </summary>
public sealed class LocalSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // A fresh key per run for ingest → search.
    private static readonly string IndexKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    // The index and the outbox, so every run starts with an empty index, outbox and duplicate ledger.
    private readonly TempDirectory _data = new();
    private ServiceProcess? _search;
    private ServiceProcess? _ingest;
    private Func<ServiceProcess>? _startSearch;
    private Func<ServiceProcess>? _startIngest;

    private LocalSystem()
    {
    }

    public GrpcChannel SearchChannel => _search!.Channel;

    public GrpcChannel IngestChannel => _ingest!.Channel;

    /// <summary>The running search process (a new one after <see cref="RestartSearchAsync"/>).</summary>
    public ServiceProcess Search => _search!;

    /// <summary>The running ingest process.</summary>
    public ServiceProcess Ingest => _ingest!;

    /// <summary>Search's HTTP/1.1 front end (REST, /metrics), on a free port of its own.</summary>
    public string SearchWebAddress { get; private init; } = "";

    /// <summary>Ingest's HTTP/1.1 front end (REST, /metrics), on a free port of its own.</summary>
    public string IngestWebAddress { get; private init; } = "";

    /// <summary>The search index folder; it lives until the system is disposed.</summary>
    public string IndexPath => _data.Combine("index");

    /// <summary>How long the search process took from its start to SERVING, the last time it started.</summary>
    public TimeSpan SearchStartup { get; private set; }

    /// <summary>
    /// Starts both services (building them first if their Release output is missing) and waits
    /// until both report SERVING. <paramref name="searchEnv"/> cannot override the index, port or
    /// environment; <paramref name="ingestEnv"/> cannot override the port, search address or outbox.
    /// </summary>
    public static async Task<LocalSystem> StartAsync(string repo, string logPrefix, IReadOnlyDictionary<string, string> searchEnv,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? ingestEnv = null)
    {
        var searchDll = await EnsureBuiltAsync(repo, "Search", cancellationToken);
        var ingestDll = await EnsureBuiltAsync(repo, "Ingest", cancellationToken);
        var ports = LoopbackPorts.Take(4);
        var searchAddress = $"http://127.0.0.1:{ports[0]}";
        var ingestAddress = $"http://127.0.0.1:{ports[1]}";

        var system = new LocalSystem
        {
            SearchWebAddress = $"http://127.0.0.1:{ports[2]}",
            IngestWebAddress = $"http://127.0.0.1:{ports[3]}",
        };
        try
        {
            Directory.CreateDirectory(system.IndexPath);
            var searchStarts = 0;
            // The gen0 budget the deployments give search (its Dockerfile, launch profile and the app
            // host), unless the caller measures another.
            var searchEnvironment = new Dictionary<string, string>(searchEnv);
            searchEnvironment.TryAdd("DOTNET_GCgen0size", "0x8000000");
            system._startSearch = () => ServiceProcess.Start("search", searchDll, searchAddress, new Dictionary<string, string>(searchEnvironment)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Index__Path"] = system.IndexPath,
                ["Kestrel__Endpoints__Grpc__Url"] = searchAddress,
                ["Kestrel__Endpoints__Web__Url"] = system.SearchWebAddress,
                ["Auth__ApiKeys__ingest__Key"] = IndexKey,
                ["Auth__ApiKeys__ingest__Scopes"] = "write",
            }, ++searchStarts == 1 ? $"{logPrefix}-search.log" : $"{logPrefix}-search-{searchStarts}.log");
            var searchStarted = Stopwatch.GetTimestamp();
            system._search = system._startSearch();
            var ingestStarts = 0;
            system._startIngest = () => ServiceProcess.Start("ingest", ingestDll, ingestAddress, new Dictionary<string, string>(ingestEnv ?? new Dictionary<string, string>())
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Kestrel__Endpoints__Grpc__Url"] = ingestAddress,
                ["Kestrel__Endpoints__Web__Url"] = system.IngestWebAddress,
                ["Search__ApiKey"] = IndexKey,
                // Only this tool talks to its private, loopback-only ingest.
                ["Auth__AllowAnonymousWrites"] = "true",
                ["Search__Address"] = searchAddress,
                ["Seeds__Path"] = "",
                ["Outbox__Path"] = system._data.Combine("outbox", "ingest.db"),
            }, ++ingestStarts == 1 ? $"{logPrefix}-ingest.log" : $"{logPrefix}-ingest-{ingestStarts}.log");
            system._ingest = system._startIngest();
            await Task.WhenAll(
                system.WaitForSearchAsync(searchStarted, cancellationToken),
                system._ingest.WaitUntilServingAsync(StartTimeout, cancellationToken));
            Console.WriteLine($"system: search {searchAddress}, ingest {ingestAddress}, index {system.IndexPath}");
            Console.WriteLine($"logs: {system._search.LogPath}, {system._ingest.LogPath}");
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills the search process and starts a new one over the same index and port; returns when
    /// it is SERVING, which measures how long opening the index takes at start-up.
    /// </summary>
    public async Task RestartSearchAsync(CancellationToken cancellationToken)
    {
        await _search!.DisposeAsync();
        var started = Stopwatch.GetTimestamp();
        _search = _startSearch!();
        await WaitForSearchAsync(started, cancellationToken);
    }

    /// <summary>
    /// Kills the ingest process (SIGKILL) and starts a new one over the same outbox and port;
    /// returns when it is SERVING.
    /// </summary>
    public async Task RestartIngestAsync(CancellationToken cancellationToken)
    {
        await _ingest!.DisposeAsync();
        _ingest = _startIngest!();
        await _ingest.WaitUntilServingAsync(StartTimeout, cancellationToken);
    }

    /// <summary>Kills both services but keeps the index, so it can be opened in-process.</summary>
    public async Task StopAsync()
    {
        foreach (var service in new[] { _ingest, _search })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        (_ingest, _search) = (null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _data.Dispose();
    }

    /// <summary>The folder holding Search.sln: above the current folder, else above the tool's own bin folder.</summary>
    public static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new ArgumentException("no Search.sln above the current folder; pass --repo");
    }

    private async Task WaitForSearchAsync(long started, CancellationToken cancellationToken)
    {
        await _search!.WaitUntilServingAsync(StartTimeout, cancellationToken);
        SearchStartup = Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The Release build of <c>services/<paramref name="service"/></c>, built first if it is missing.</summary>
    public static async Task<string> EnsureBuiltAsync(string repo, string service, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(repo, "services", service, "bin", "Release", "net10.0", $"SeedSearch.{service}.dll");
        if (!File.Exists(dll))
        {
            var project = Path.Combine(repo, "services", service, $"{service}.csproj");
            Console.WriteLine($"building {project} (Release)");
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", project]) { WorkingDirectory = repo })!;
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0 || !File.Exists(dll))
            {
                throw new InvalidOperationException($"building {project} failed (exit code {build.ExitCode})");
            }
        }

        // Says which build was measured, since the services may be edited between runs.
        Console.WriteLine($"{service.ToLowerInvariant()}: {dll} (built {File.GetLastWriteTime(dll):yyyy-MM-dd HH:mm:ss})");
        return dll;
    }
}
