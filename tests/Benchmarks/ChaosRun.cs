using System.Diagnostics;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.Benchmarks;

/// <summary>
/// Chaos on the scale-out deployment: streams the corpus through ingest into the article log while
/// SIGKILLing a random process (a broker node, a replica or ingest) and starting it again, then
/// waits until both replicas have applied the whole log and checks that every acknowledged article
/// is in each replica's index, that both hold the same id → content-hash set, and that Lucene's
/// CheckIndex finds both clean.
/// </summary>
internal static class ChaosRun
{
    private const int ChunkSize = 500;
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromMinutes(30);

    /// <summary>What the streaming and killing did; <see cref="VerifyAsync"/> checks the outcome.</summary>
    public sealed record Outcome(int Sent, List<string> Acknowledged, Dictionary<string, int> Kills, TimeSpan Streamed, TimeSpan Converged, long Records);

    public static async Task<Outcome> RunAsync(BenchmarkOptions options, ScaleCorpus corpus, ChaosCluster cluster, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IngestService.IngestServiceClient Ingest() => new(cluster.IngestChannel);
        var acknowledged = new List<string>();
        var random = new Random(options.Seed);
        var kills = new Dictionary<string, int>();
        var done = 0;

        // One process at a time, every 1-5 s: a broker node (never two down: the stream keeps its
        // majority), a replica, or ingest, each SIGKILLed and started again on its own data.
        var killer = Task.Run(async () =>
        {
            while (done < options.ChaosKills)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_000, 5_000)), cancellationToken);
                string target;
                switch (random.Next(3))
                {
                    case 0:
                        var node = random.Next(cluster.Brokers.Count);
                        target = $"broker {node + 1}";
                        await cluster.RestartBrokerAsync(node, cancellationToken);
                        break;
                    case 1:
                        var replica = random.Next(cluster.ReplicaCount);
                        target = $"replica {(char)('A' + replica)}";
                        await cluster.RestartReplicaAsync(replica, cancellationToken);
                        break;
                    default:
                        target = "ingest";
                        await cluster.RestartIngestAsync(cancellationToken);
                        break;
                }

                var kind = target.Split(' ')[0];
                kills[kind] = kills.GetValueOrDefault(kind) + 1;
                done++;
                Console.WriteLine($"chaos: {target} killed and restarted ({done}/{options.ChaosKills}) at {clock.Elapsed.TotalSeconds:F1} s, " +
                    $"{Count(acknowledged):N0} acknowledged");
            }
        }, cancellationToken);

        var sent = 0;
        foreach (var chunk in DatasetFiles.EnumerateCorpus(corpus.Path).Take(options.Articles).Chunk(ChunkSize))
        {
            var response = await IngestCalls.SendWithRetriesAsync(Ingest, chunk, cancellationToken);
            lock (acknowledged)
            {
                acknowledged.AddRange(IngestCalls.AcceptedIds(chunk, response));
            }

            sent += chunk.Length;
        }

        // Kills left when the stream ends land while the log is applied.
        var streamed = clock.Elapsed;
        await killer;
        var records = await ConvergeAsync(cluster, Ingest, cancellationToken);
        Console.WriteLine($"chaos: converged at {clock.Elapsed.TotalSeconds:F1} s: both replicas applied {records:N0} log records");
        return new Outcome(sent, acknowledged, kills, streamed, clock.Elapsed, records);
    }

    /// <summary>Stops the services and checks both indexes; prints and reports the table; returns whether it passed.</summary>
    public static async Task<bool> VerifyAsync(ChaosCluster cluster, Outcome outcome, BenchmarkReport report)
    {
        await cluster.StopServicesAsync();
        var replicas = Enumerable.Range(0, cluster.ReplicaCount).Select(r => IndexContents.Read(cluster.IndexPath(r))).ToList();
        var checks = Enumerable.Range(0, cluster.ReplicaCount).Select(r => IndexContents.Check(cluster.IndexPath(r))).ToList();
        var expected = outcome.Acknowledged.ToHashSet(StringComparer.Ordinal);
        var missing = replicas.Select(r => expected.Count(id => !r.Hashes.ContainsKey(id))).ToList();
        var same = replicas.All(r => r.Hashes.Count == replicas[0].Hashes.Count && r.Hashes.All(p => replicas[0].Hashes.TryGetValue(p.Key, out var h) && h == p.Value));
        var ok = missing.All(m => m == 0) && same && checks.All(c => c.Clean) && replicas.All(r => r.Hashes.Count == expected.Count);
        var kills = string.Join(", ", outcome.Kills.OrderBy(k => k.Key).Select(k => $"{k.Value} {k.Key}"));
        report.Table("Chaos: replicas fed from the article log",
            $"{outcome.Sent:N0} articles streamed through ingest in calls of {ChunkSize} into a stream on {cluster.Brokers.Count} RabbitMQ nodes " +
            $"followed by {cluster.ReplicaCount} search replicas, while {outcome.Kills.Values.Sum()} random SIGKILLs ({kills}) hit one process " +
            "at a time, each started again on its own data. Then both replicas applied the whole log; their indexes were read from their last commit.",
            ["articles sent", "acknowledged", "SIGKILLs", "stream s", "converged s", "log records", "documents A / B", "acknowledged missing A / B",
                "same id → hash set", "CheckIndex A / B", "result"],
            [[
                $"{outcome.Sent:N0}", $"{expected.Count:N0}", kills, $"{outcome.Streamed.TotalSeconds:F0}", $"{outcome.Converged.TotalSeconds:F0}",
                $"{outcome.Records:N0}", string.Join(" / ", replicas.Select(r => r.Hashes.Count.ToString("N0"))), string.Join(" / ", missing),
                same ? "yes" : "NO", string.Join(" / ", checks.Select(c => c.Clean ? "clean" : "NOT clean")), ok ? "pass" : "FAIL",
            ]],
            $"Log records above the acknowledged articles are batches ingest published again after a kill cut off their confirms; replicas apply them by id.");
        foreach (var (check, r) in checks.Select((c, r) => (c, r)).Where(c => !c.c.Clean))
        {
            Console.WriteLine($"CheckIndex of replica {r}:\n{check.Report}");
        }

        return ok;
    }

    // Ingest's outbox empty, and every replica at the same offset for three polls in a row with
    // nothing left in the stream as the broker counts it.
    private static async Task<long> ConvergeAsync(ChaosCluster cluster, Func<IngestService.IngestServiceClient> ingest, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ConvergeTimeout;
        var stable = 0;
        long last = -2;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            try
            {
                var depth = (await ingest().GetStatusAsync(new GetStatusRequest(), cancellationToken: cancellationToken)).OutboxDepth;
                var statuses = new List<ReplicationStatus>();
                for (var r = 0; r < cluster.ReplicaCount; r++)
                {
                    var client = new SearchService.SearchServiceClient(cluster.ReplicaChannel(r));
                    statuses.Add((await client.GetIndexStatusAsync(new GetIndexStatusRequest(), cancellationToken: cancellationToken)).Replication);
                }

                var applied = statuses[0].AppliedOffset;
                var level = depth == 0 && statuses.All(s => s.AppliedOffset == applied && s.Lag == 0 && s.Connected);
                stable = level && applied == last ? stable + 1 : 0;
                last = applied;
                Console.WriteLine($"chaos: outbox {depth:N0}, applied {string.Join(" / ", statuses.Select(s => s.AppliedOffset.ToString("N0")))}, " +
                    $"stream {statuses.Max(s => s.StreamLength):N0}");
                if (stable >= 3)
                {
                    return applied + 1;
                }
            }
            catch (Grpc.Core.RpcException)
            {
                stable = 0;
            }
        }

        throw new TimeoutException($"the replicas did not converge within {ConvergeTimeout}");
    }

    private static int Count(List<string> ids)
    {
        lock (ids)
        {
            return ids.Count;
        }
    }
}
