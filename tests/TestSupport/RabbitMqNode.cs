using System.Diagnostics;
using System.Globalization;
using RabbitMQ.Client;

namespace SeedSearch.TestSupport;

/// <summary>
/// One real RabbitMQ node (Debian's <c>rabbitmq-server</c>) on loopback ports, with its data and
/// logs under a folder of its own, started as the Erlang VM itself so that <see cref="Kill"/> is a
/// SIGKILL of the broker and <see cref="Start"/> restarts it on the same data.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    /// <summary>The server script of Debian's package (the one in /usr/sbin switches users).</summary>
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>What to run to install the broker.</summary>
    public const string InstallCommand = "apt-get install rabbitmq-server";

    private readonly string _folder;
    private readonly string _cookie;
    private Process? _process;

    private RabbitMqNode(string folder, string name, int amqpPort, int distributionPort, string cookie, IReadOnlyList<string> cluster)
    {
        _folder = folder;
        _cookie = cookie;
        Name = name;
        AmqpPort = amqpPort;
        DistributionPort = distributionPort;
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[].\n");
        var config = new List<string>
        {
            $"listeners.tcp.default = 127.0.0.1:{amqpPort}",
            // A replica's restart replays the stream from the broker's disk: no memory alarm for that.
            "vm_memory_high_watermark.relative = 0.8",
            "disk_free_limit.absolute = 50MB",
        };
        if (cluster.Count > 1)
        {
            config.Add("cluster_formation.peer_discovery_backend = classic_config");
            config.AddRange(cluster.Select((node, i) => $"cluster_formation.classic_config.nodes.{i + 1} = {node}"));
        }

        File.WriteAllLines(Path.Combine(folder, "rabbitmq.conf"), config);
    }

    /// <summary>Null when the broker is installed, otherwise why tests that need it cannot run.</summary>
    public static string? Missing => File.Exists(ServerScript) ? null : $"RabbitMQ is not installed ({ServerScript} is missing): {InstallCommand}";

    /// <summary>Erlang node name, e.g. <c>seed1-4f2a@localhost</c>.</summary>
    public string Name { get; }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int AmqpPort { get; }

    /// <summary>The Erlang distribution port (node to node).</summary>
    public int DistributionPort { get; }

    /// <summary><c>127.0.0.1:port</c>, as <c>ArticleLog:Endpoints</c> takes it.</summary>
    public string Endpoint => $"127.0.0.1:{AmqpPort}";

    /// <summary>The node's log file (what the broker printed).</summary>
    public string LogPath => Path.Combine(_folder, "console.log");

    /// <summary>The broker's own log file (what it logged after start-up).</summary>
    public string BrokerLogPath => Path.Combine(_folder, "log", $"{Name}.log");

    /// <summary>True while the node's process runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>
    /// Creates <paramref name="count"/> nodes under <paramref name="folder"/> that form one cluster
    /// (none is started yet; start the first, wait for it, then the others).
    /// </summary>
    public static IReadOnlyList<RabbitMqNode> Cluster(string folder, int count)
    {
        var tag = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant();
        var cookie = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var ports = LoopbackPorts.Take(2 * count);
        var names = Enumerable.Range(1, count).Select(i => $"seed{i}-{tag}@localhost").ToList();
        return names.Select((name, i) => new RabbitMqNode(Path.Combine(folder, $"node{i + 1}"), name, ports[2 * i], ports[(2 * i) + 1], cookie, names))
            .ToList();
    }

    /// <summary>Starts one standalone node under <paramref name="folder"/> and waits until it takes connections.</summary>
    public static async Task<RabbitMqNode> StartSingleAsync(string folder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var node = Cluster(folder, 1)[0];
        node.Start();
        await node.WaitUntilReadyAsync(timeout, cancellationToken);
        return node;
    }

    /// <summary>Starts the node's process (again, on the same data after a kill).</summary>
    public void Start()
    {
        if (Running)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        // exec through a shell: the process is the Erlang VM itself (the script execs erl when
        // it believes systemd runs it), and its output goes straight to the log file.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _folder };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"exec {ServerScript} >> \"{LogPath}\" 2>&1");
        var environment = info.Environment;
        environment["HOME"] = Path.Combine(_folder, "home");
        environment["RABBITMQ_NODENAME"] = Name;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq.conf");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = $"-setcookie {_cookie}";
        environment["RUNNING_UNDER_SYSTEMD"] = "true";
        environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        _process?.Dispose();
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{ServerScript} did not start");
    }

    /// <summary>Waits until the node accepts an AMQP connection (it has booted and joined its cluster).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = AmqpPort, RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"RabbitMQ node {Name} exited during start-up; see {LogPath}");
            }

            try
            {
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                return;
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException ex)
            {
                throw new TimeoutException($"RabbitMQ node {Name} took no connection within {timeout.TotalSeconds:F0} s; see {LogPath}", ex);
            }
        }
    }

    /// <summary>
    /// Waits until the node has saved its stream coordinator's registration to disk. RabbitMQ 3.10
    /// (Ra 2.2) keeps it in <c>names.dets</c>, saved half a second or more after the node's first
    /// stream is declared; a node SIGKILLed before that restarts without the coordinator, and every
    /// stream stays "down or inaccessible" until the stream is deleted. Tests that kill a broker wait
    /// for this, so that they exercise the services, not that window of the broker.
    /// </summary>
    public async Task WaitUntilStreamCoordinatorSavedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var names = Path.Combine(_folder, "mnesia", Name, "coordination", Name, "names.dets");
        var coordinator = "rabbit_stream_coordinator"u8.ToArray();
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(names) || ReadShared(names).AsSpan().IndexOf(coordinator) < 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"RabbitMQ node {Name} did not save its stream coordinator to {names} within {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        return ValueTask.CompletedTask;
    }
}
