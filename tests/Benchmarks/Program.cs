using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Relevance;

// End-to-end benchmark against a running system: streams a corpus.jsonl.gz through
// ingest.v1.IngestService/IngestArticles, then runs a closed-loop search load with the
// dataset's queries at several concurrencies. Usage:
//   dotnet run -c Release --project tests/Benchmarks -- <dataset-dir> [ingest-url] [search-url] [seconds-per-level]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Benchmarks <dataset-dir with corpus.jsonl.gz [queries.tsv]> [ingest-url] [search-url] [seconds]");
    return 2;
}

var dataset = args[0];
var ingestUrl = args.Length > 1 ? args[1] : "http://127.0.0.1:5200";
var searchUrl = args.Length > 2 ? args[2] : "http://127.0.0.1:5100";
var seconds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10;

using var ingestChannel = GrpcChannel.ForAddress(ingestUrl);
using var searchChannel = GrpcChannel.ForAddress(searchUrl);
var ingest = new IngestService.IngestServiceClient(ingestChannel);
var search = new SearchService.SearchServiceClient(searchChannel);

// 1. Bulk ingest.
var articles = DatasetFiles.ReadCorpus(Path.Combine(dataset, "corpus.jsonl.gz"));
var bytes = articles.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Title) + Encoding.UTF8.GetByteCount(a.Body));
var clock = Stopwatch.StartNew();
using (var call = ingest.IngestArticles())
{
    foreach (var article in articles)
    {
        await call.RequestStream.WriteAsync(new IngestArticlesRequest { Article = article, WaitForIndexed = true });
    }

    await call.RequestStream.CompleteAsync();
    var summary = await call;
    clock.Stop();
    Console.WriteLine($"ingest: {summary.ReceivedCount} articles ({summary.CreatedCount} created, {summary.UpdatedCount} updated, " +
        $"{summary.UnchangedCount} unchanged, {summary.RejectedCount} rejected) in {clock.Elapsed.TotalSeconds:F2} s: " +
        $"{summary.ReceivedCount / clock.Elapsed.TotalSeconds:F0} docs/s, {bytes / 1e6 / clock.Elapsed.TotalSeconds:F2} MB/s " +
        "(wait_for_indexed: the answer comes once every article is committed and searchable)");
}

// 2. Closed-loop search load.
var queriesPath = Path.Combine(dataset, "queries.tsv");
var queries = File.Exists(queriesPath)
    ? DatasetFiles.ReadQueries(queriesPath).Select(q => q.Text).ToArray()
    : articles.Select(a => string.Join(' ', a.Title.Split(' ').Take(3))).ToArray();
await search.SearchAsync(new SearchRequest { Query = queries[0] });

Console.WriteLine($"search: {queries.Length} distinct queries, {seconds} s per level, top 10");
Console.WriteLine("| concurrency | QPS | p50 ms | p99 ms | p99.9 ms | errors |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
foreach (var concurrency in new[] { 1, 2, 8, 32 })
{
    var latencies = new List<double>[concurrency];
    var errors = 0;
    var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var mine = latencies[worker] = [];
        for (var i = worker; Stopwatch.GetTimestamp() < deadline; i += concurrency)
        {
            var begin = Stopwatch.GetTimestamp();
            try
            {
                await search.SearchAsync(new SearchRequest { Query = queries[i % queries.Length] });
                mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    Console.WriteLine($"| {concurrency} | {all.Length / elapsed:F0} | {Percentile(all, 0.50):F2} | {Percentile(all, 0.99):F2} | {Percentile(all, 0.999):F2} | {errors} |");
}

return 0;

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
