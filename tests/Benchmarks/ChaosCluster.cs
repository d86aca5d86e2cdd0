using Grpc.Net.Client;

namespace SeedSearch.Benchmarks;

/// <summary>
/// The scale-out deployment on this machine: three RabbitMQ nodes in one cluster, ingest
/// publishing to the article log, and search replicas following it, each a real process that can
/// be SIGKILLed and started again on its own data. Logs and data live under <c>&lt;out&gt;/chaos</c>.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly string _folder;
    private readonly ServiceProcess?[] _replicas;
    private readonly int[] _starts;
    private Func<int, ServiceProcess> _startReplica = null!;
    private Func<ServiceProcess> _startIngest = null!;
    private ServiceProcess? _ingest;

    private ChaosCluster(string folder, IReadOnlyList<RabbitMqNode> brokers, int replicas)
    {
        _folder = folder;
        Brokers = brokers;
        _replicas = new ServiceProcess?[replicas];
        _starts = new int[replicas + 1];
    }

    public IReadOnlyList<RabbitMqNode> Brokers { get; }

    public int ReplicaCount => _replicas.Length;

    public IReadOnlyList<string> ReplicaAddresses { get; private set; } = [];

    public GrpcChannel IngestChannel => _ingest!.Channel;

    public GrpcChannel ReplicaChannel(int replica) => _replicas[replica]!.Channel;

    public string IndexPath(int replica) => Path.Combine(_folder, "data", $"replica-{replica}");

    /// <summary>Starts the brokers (the first alone, then the others joining it), the replicas and ingest.</summary>
    public static async Task<ChaosCluster> StartAsync(BenchmarkOptions options, int brokers, int replicas, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.Out, "chaos");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var cluster = new ChaosCluster(folder, RabbitMqNode.Cluster(Path.Combine(folder, "rabbitmq"), brokers), replicas);
        try
        {
            cluster.Brokers[0].Start();
            await cluster.Brokers[0].WaitUntilReadyAsync(StartTimeout, cancellationToken);
            foreach (var node in cluster.Brokers.Skip(1))
            {
                node.Start();
            }

            await Task.WhenAll(cluster.Brokers.Skip(1).Select(n => n.WaitUntilReadyAsync(StartTimeout, cancellationToken)));
            Console.WriteLine($"chaos: {brokers} RabbitMQ nodes: {string.Join(", ", cluster.Brokers.Select(b => $"{b.Name} {b.Endpoint}"))}");

            var searchDll = await LocalSystem.EnsureBuiltAsync(options.Repo, "Search", cancellationToken);
            var ingestDll = await LocalSystem.EnsureBuiltAsync(options.Repo, "Ingest", cancellationToken);
            var ports = LoopbackPorts.Take((2 * replicas) + 2);
            var log = new Dictionary<string, string>
            {
                ["ArticleLog__Enabled"] = "true",
                ["ArticleLog__Endpoints"] = string.Join(',', cluster.Brokers.Select(b => b.Endpoint)),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            };
            cluster.ReplicaAddresses = Enumerable.Range(0, replicas).Select(r => $"http://127.0.0.1:{ports[2 * r]}").ToList();
            cluster._startReplica = r => ServiceProcess.Start($"replica-{r}", searchDll, cluster.ReplicaAddresses[r], new Dictionary<string, string>(log)
            {
                ["DOTNET_GCgen0size"] = "0x8000000",
                ["Index__Path"] = cluster.IndexPath(r),
                ["Kestrel__Endpoints__Grpc__Url"] = cluster.ReplicaAddresses[r],
                ["Kestrel__Endpoints__Web__Url"] = $"http://127.0.0.1:{ports[(2 * r) + 1]}",
            }.Concat(options.SearchEnv).ToDictionary(), cluster.LogPath($"replica-{r}", r));
            var ingestAddress = $"http://127.0.0.1:{ports[^2]}";
            cluster._startIngest = () => ServiceProcess.Start("ingest", ingestDll, ingestAddress, new Dictionary<string, string>(log)
            {
                ["Kestrel__Endpoints__Grpc__Url"] = ingestAddress,
                ["Kestrel__Endpoints__Web__Url"] = $"http://127.0.0.1:{ports[^1]}",
                ["Auth__AllowAnonymousWrites"] = "true",
                ["Seeds__Path"] = "",
                ["Outbox__Path"] = Path.Combine(folder, "data", "outbox", "ingest.db"),
            }.Concat(options.IngestEnv).ToDictionary(), cluster.LogPath("ingest", replicas));
            for (var r = 0; r < replicas; r++)
            {
                cluster._replicas[r] = cluster._startReplica(r);
            }

            cluster._ingest = cluster._startIngest();
            await Task.WhenAll(cluster._replicas.Select(r => r!.WaitUntilServingAsync(StartTimeout, cancellationToken))
                .Append(cluster._ingest.WaitUntilServingAsync(StartTimeout, cancellationToken)));
            // The replicas declared the stream; a node killed before it saved the stream
            // coordinator's registration would come back without its coordinator member.
            await Task.WhenAll(cluster.Brokers.Select(b => b.WaitUntilStreamCoordinatorSavedAsync(StartTimeout, cancellationToken)));
            Console.WriteLine($"chaos: replicas {string.Join(", ", cluster.ReplicaAddresses)}, ingest {ingestAddress}; logs in {folder}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILLs broker node <paramref name="node"/> and starts it again on its data; returns once it takes connections.</summary>
    public async Task RestartBrokerAsync(int node, CancellationToken cancellationToken)
    {
        Brokers[node].Kill();
        Brokers[node].Start();
        await Brokers[node].WaitUntilReadyAsync(StartTimeout, cancellationToken);
    }

    /// <summary>SIGKILLs replica <paramref name="replica"/> and starts it again over its index; returns once it is SERVING.</summary>
    public async Task RestartReplicaAsync(int replica, CancellationToken cancellationToken)
    {
        await _replicas[replica]!.DisposeAsync();
        _replicas[replica] = _startReplica(replica);
        await _replicas[replica]!.WaitUntilServingAsync(StartTimeout, cancellationToken);
    }

    /// <summary>SIGKILLs ingest and starts it again over its outbox; returns once it is SERVING.</summary>
    public async Task RestartIngestAsync(CancellationToken cancellationToken)
    {
        await _ingest!.DisposeAsync();
        _ingest = _startIngest();
        await _ingest.WaitUntilServingAsync(StartTimeout, cancellationToken);
    }

    /// <summary>Kills ingest and the replicas (their indexes stay for checking), then the brokers.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopServicesAsync();
        foreach (var broker in Brokers)
        {
            await broker.DisposeAsync();
        }
    }

    /// <summary>Kills ingest and the replicas but keeps the brokers, so the indexes can be opened here.</summary>
    public async Task StopServicesAsync()
    {
        foreach (var service in _replicas.Append(_ingest))
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        Array.Clear(_replicas);
        _ingest = null;
    }

    private string LogPath(string name, int slot)
    {
        var start = ++_starts[slot];
        return Path.Combine(_folder, start == 1 ? $"{name}.log" : $"{name}-{start}.log");
    }
}
