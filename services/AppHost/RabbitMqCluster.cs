using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SeedSearch.AppHost;

/// <summary>
/// Three RabbitMQ nodes of Debian's <c>rabbitmq-server</c> on loopback, as executables of the app
/// host: node <c>seed1@localhost</c> on AMQP port 5672 (5673, 5674 for the others), data and logs
/// under <c>.data/cluster/</c>. The nodes form one cluster through classic peer discovery: the
/// first starts alone, the others join it once it answers; later runs start all three at once.
/// </summary>
internal static class RabbitMqCluster
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const int Nodes = 3;
    public const int FirstAmqpPort = 5672;
    private const int FirstDistributionPort = 25672;

    /// <summary>The AMQP endpoints, as <c>ArticleLog:Endpoints</c> takes them.</summary>
    public static string Endpoints => string.Join(',', Enumerable.Range(0, Nodes).Select(i => $"127.0.0.1:{FirstAmqpPort + i}"));

    /// <summary>Adds the nodes; returns them, the first one first.</summary>
    public static IReadOnlyList<IResourceBuilder<ExecutableResource>> Add(IDistributedApplicationBuilder builder, string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        // One Erlang cookie for the cluster, made once and kept with its data.
        var cookieFile = Path.Combine(dataFolder, "cookie");
        if (!File.Exists(cookieFile))
        {
            File.WriteAllText(cookieFile, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)));
        }

        var cookie = File.ReadAllText(cookieFile).Trim();
        // A formed cluster restarts all at once: a node that was not the last to stop waits for
        // its peers' tables before it takes connections, so waiting for the first would deadlock.
        var formed = Directory.Exists(Path.Combine(dataFolder, "rabbitmq1", "mnesia"));
        var names = Enumerable.Range(1, Nodes).Select(i => $"seed{i}@localhost").ToList();
        var nodes = new List<IResourceBuilder<ExecutableResource>>();
        for (var i = 0; i < Nodes; i++)
        {
            var folder = Path.Combine(dataFolder, $"rabbitmq{i + 1}");
            Directory.CreateDirectory(Path.Combine(folder, "home"));
            File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[].\n");
            File.WriteAllLines(Path.Combine(folder, "rabbitmq.conf"),
            [
                $"listeners.tcp.default = 127.0.0.1:{FirstAmqpPort + i}",
                "cluster_formation.peer_discovery_backend = classic_config",
                .. names.Select((node, n) => $"cluster_formation.classic_config.nodes.{n + 1} = {node}"),
            ]);

            var port = FirstAmqpPort + i;
            var check = $"rabbitmq{i + 1}-amqp";
            builder.Services.AddHealthChecks().AddCheck(check, new AmqpPortCheck(port));
            // exec: the resource's process is the Erlang VM itself (the script execs erl when it
            // believes systemd runs it), so stopping the resource stops the broker.
            var node = builder.AddExecutable($"rabbitmq{i + 1}", "/bin/sh", folder, "-c", $"exec {ServerScript}")
                .WithEnvironment("HOME", Path.Combine(folder, "home"))
                .WithEnvironment("RABBITMQ_NODENAME", names[i])
                .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
                .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("RABBITMQ_DIST_PORT", (FirstDistributionPort + i).ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(folder, "mnesia"))
                .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(folder, "log"))
                .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(folder, "rabbitmq.conf"))
                .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(folder, "enabled_plugins"))
                .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", $"-setcookie {cookie}")
                .WithEnvironment("RUNNING_UNDER_SYSTEMD", "true")
                .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
                .WithHealthCheck(check);
            if (nodes.Count > 0 && !formed)
            {
                node.WaitFor(nodes[0]);
            }

            nodes.Add(node);
        }

        return nodes;
    }

    // Healthy once the node's AMQP listener takes connections, which it opens only after booting
    // and joining its cluster.
    private sealed class AmqpPortCheck(int port) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException ex)
            {
                return HealthCheckResult.Unhealthy($"127.0.0.1:{port} takes no connection yet", ex);
            }
        }
    }
}
