using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.Benchmarks;

/// <summary>
/// Crash safety: streams the corpus through ingest while SIGKILLing the search process (or, with
/// <c>--crash-ingest</c>, the ingest process) at random moments and starting it again over the
/// same index or outbox, then checks that every acknowledged article is searchable exactly once
/// and that Lucene's CheckIndex finds the index clean.
/// </summary>
internal static class CrashRun
{
    private const int ChunkSize = 500;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(15);

    public static async Task<bool> RunAsync(BenchmarkOptions options, ScaleCorpus corpus, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var system = await LocalSystem.StartAsync(options.Repo, Path.Combine(options.Out, "crash"), options.SearchEnv, cancellationToken);
        // A new client per use: a restarted ingest process comes with a channel of its own.
        IngestService.IngestServiceClient Ingest() => new(system.IngestChannel);
        var target = options.CrashIngest ? "ingest" : "search";
        var acknowledged = new List<string>();
        var random = new Random(options.Seed);
        var kills = 0;

        // The killer: a SIGKILL every 1–5 s while articles stream, then a restart on the same files.
        var killer = Task.Run(async () =>
        {
            while (kills < options.CrashKills)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_000, 5_000)), cancellationToken);
                await (options.CrashIngest ? system.RestartIngestAsync(cancellationToken) : system.RestartSearchAsync(cancellationToken));
                kills++;
                Console.WriteLine($"crash: {target} killed and restarted ({kills}/{options.CrashKills}) at {clock.Elapsed.TotalSeconds:F1} s, {acknowledged.Count:N0} acknowledged");
            }
        }, cancellationToken);

        foreach (var chunk in DatasetFiles.EnumerateCorpus(corpus.Path).Take(options.Articles).Chunk(ChunkSize))
        {
            var response = await IngestCalls.SendWithRetriesAsync(Ingest, chunk, cancellationToken);
            acknowledged.AddRange(IngestCalls.AcceptedIds(chunk, response));
        }

        // Kills left when the stream ends land while the outbox drains.
        var streamed = clock.Elapsed;
        await killer;

        var (depth, drained) = await IngestCalls.WaitForDrainAsync(Ingest, DrainTimeout, cancellationToken);
        var search = new SearchService.SearchServiceClient(system.SearchChannel);
        var total = await SearchChecks.TotalDocumentsAsync(search, cancellationToken);
        var missing = await SearchChecks.CountMissingAsync(search, acknowledged, cancellationToken);

        await system.StopAsync();
        using var directory = FSDirectory.Open(system.IndexPath);
        var check = new CheckIndex(directory).DoCheckIndex();

        var ok = depth == 0 && missing == 0 && total == acknowledged.Count && check.Clean;
        Console.WriteLine();
        Console.WriteLine($"| articles sent | acknowledged | {target} SIGKILLs | stream s | drain s | outbox left | documents in index | acknowledged not found | CheckIndex | result |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        Console.WriteLine($"| {options.Articles:N0} | {acknowledged.Count:N0} | {kills} | {streamed.TotalSeconds:F1} | {drained.TotalSeconds:F1} | {depth} | {total:N0} | {missing} | " +
            $"{(check.Clean ? "clean" : "NOT clean")} ({check.NumSegments} segments) | {(ok ? "pass" : "FAIL")} |");
        return ok;
    }
}
