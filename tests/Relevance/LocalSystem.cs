using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace SeedSearch.Relevance;

/// <summary>
/// A fresh Search + Ingest pair from the Release builds, on free loopback ports, over an empty
/// index of its own: each run measures exactly one corpus. Disposing kills both and deletes the index.
/// </summary>
internal sealed class LocalSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), $"seedsearch-relevance-index-{Guid.NewGuid():N}");
    private ServiceProcess? _search;
    private ServiceProcess? _ingest;

    private LocalSystem()
    {
    }

    public GrpcChannel SearchChannel => _search!.Channel;

    public GrpcChannel IngestChannel => _ingest!.Channel;

    /// <summary>
    /// Starts both services (building them first if their Release output is missing) and waits
    /// until both report SERVING. <paramref name="searchEnv"/> cannot override the index, port or environment.
    /// </summary>
    public static async Task<LocalSystem> StartAsync(string repo, string logPrefix, IReadOnlyDictionary<string, string> searchEnv, CancellationToken cancellationToken)
    {
        var searchDll = await EnsureBuiltAsync(repo, "Search", cancellationToken);
        var ingestDll = await EnsureBuiltAsync(repo, "Ingest", cancellationToken);
        var (searchPort, ingestPort) = FreePorts();
        var searchAddress = $"http://127.0.0.1:{searchPort}";
        var ingestAddress = $"http://127.0.0.1:{ingestPort}";

        var system = new LocalSystem();
        try
        {
            Directory.CreateDirectory(system._indexPath);
            system._search = ServiceProcess.Start("search", searchDll, searchAddress, new Dictionary<string, string>(searchEnv)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Index__Path"] = system._indexPath,
                ["Kestrel__Endpoints__Grpc__Url"] = searchAddress,
            }, $"{logPrefix}-search.log");
            system._ingest = ServiceProcess.Start("ingest", ingestDll, ingestAddress, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Kestrel__Endpoints__Grpc__Url"] = ingestAddress,
                ["Search__Address"] = searchAddress,
                ["Seeds__Path"] = "",
                ["Outbox__Path"] = Path.Combine(system.OutboxFolder, "ingest.db"),
            }, $"{logPrefix}-ingest.log");
            await Task.WhenAll(
                system._search.WaitUntilServingAsync(StartTimeout, cancellationToken),
                system._ingest.WaitUntilServingAsync(StartTimeout, cancellationToken));
            Console.WriteLine($"system: search {searchAddress}, ingest {ingestAddress}, index {system._indexPath}");
            Console.WriteLine($"logs: {system._search.LogPath}, {system._ingest.LogPath}");
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new[] { _ingest, _search })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        foreach (var folder in new[] { _indexPath, OutboxFolder })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warning: could not delete {folder}: {ex.Message}");
            }
        }
    }

    // Beside the index, so every run starts with an empty outbox and duplicate ledger.
    private string OutboxFolder => _indexPath + "-outbox";

    private static async Task<string> EnsureBuiltAsync(string repo, string service, CancellationToken cancellationToken)
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

    // Both listeners are held at once so the two ports differ; a tiny race with other programs remains.
    private static (int, int) FreePorts()
    {
        var first = new TcpListener(IPAddress.Loopback, 0);
        var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        var ports = (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        first.Stop();
        second.Stop();
        return ports;
    }
}
