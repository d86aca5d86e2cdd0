using System.Globalization;
using System.Text;

namespace SeedSearch.Benchmarks;

/// <summary>The run's results as one markdown document, ready to paste into docs/performance.md.</summary>
internal sealed class BenchmarkReport
{
    private readonly StringBuilder _text = new();

    public BenchmarkReport(MachineInfo machine, string command)
    {
        Line($"## Benchmark ({machine.Date:yyyy-MM-dd HH:mm} UTC, commit {machine.Commit})");
        Line();
        Line($"`{command}`");
        Line();
        Line("| date | commit | nproc | memory | CPU | .NET | OS |");
        Line("|---|---|---:|---:|---|---|---|");
        Line($"| {machine.Date:yyyy-MM-dd} | {machine.Commit} | {machine.Cores} | {machine.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB | {machine.Cpu} | {machine.Runtime} | {machine.Os} |");
    }

    public void Corpus(ScaleCorpus corpus, string source, int seed, TimeSpan elapsed) =>
        Section("Corpus",
            $"{corpus.Articles:N0} articles, {corpus.Bytes / 1e6:F1} MB of title+body UTF-8, real sentences of `{source}` resampled " +
            $"with seed {seed} ({(corpus.Reused ? "reused" : $"generated in {elapsed.TotalSeconds:F1} s")}: `{corpus.Path}`).");

    public void Ceiling(IReadOnlyList<CeilingResult> runs)
    {
        Section("Ceiling: Lucene.NET in-process",
            "*service*: the service's documents, analysis chain, directory, similarity and RAM buffer; upserts by id. " +
            "*raw*: plain Lucene.NET, title and body under Lucene's PortugueseAnalyzer and the id, BM25, same directory and RAM buffer; " +
            "added, not upserted. One commit at the end (corpus reading not timed).");
        Line();
        Line("| chain | threads | articles | time s | docs/s | MB/s | index MB | GC pause ms |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            Line($"| {(run.Chain == CeilingChain.Raw ? "raw" : "service")} | {run.Threads} | {run.Articles:N0} | {run.Elapsed.TotalSeconds:F1} | {run.DocsPerSecond:N0} | {run.MegabytesPerSecond:F2} | {run.IndexBytes / 1e6:F1} | {run.GcPause.TotalMilliseconds:N0} |");
        }
    }

    public void EndToEnd(EndToEndResult run, IReadOnlyList<CeilingResult> ceilings, int chunk, int inFlight)
    {
        Section("End to end: ingest.v1.IngestService/IngestArticles until searchable",
            $"Chunks of {chunk:N0} articles per call with `wait_for_indexed`, {inFlight} calls open at once; the clock stops at the last answer.");
        Line();
        var ratios = string.Concat(ceilings.Select(c => $" {run.DocsPerSecond / c.DocsPerSecond:F2} |"));
        Line($"| articles | accepted | rejected | time s | docs/s | MB/s |{string.Concat(ceilings.Select(c => $" / {c.Label} |"))}");
        Line($"|---:|---:|---:|---:|---:|---:|{string.Concat(ceilings.Select(_ => "---:|"))}");
        Line($"| {run.Sent:N0} | {run.Accepted:N0} | {run.Rejected:N0} | {run.Elapsed.TotalSeconds:F1} | {run.DocsPerSecond:N0} | {run.MegabytesPerSecond:F2} |{ratios}");
        Line();
        Line($"Check: Search counts {(run.IndexedDocuments is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "(match-all not answered)")} documents; " +
            $"GetArticle found {run.SamplesFound} of {run.Samples} sampled ids.{(run.FirstRejection is null ? "" : $" First rejection: {run.FirstRejection}.")}");
    }

    public void Search(IReadOnlyList<BenchmarkQuery> queries, TimeSpan seconds, TimeSpan warmup, IReadOnlyList<LoadResult> grpc, IReadOnlyList<LoadResult> local)
    {
        var kinds = string.Join(", ", queries.GroupBy(q => q.Kind).Select(g => $"{g.Count()} {g.Key}"));
        Section("Search: closed loop, first page (10 hits, snippets, facets)",
            $"{queries.Count} queries ({kinds}), cycled; {seconds.TotalSeconds:F0} s per level after a {warmup.TotalSeconds:F0} s warm-up per target. " +
            "gRPC: search.v1.SearchService/Search on the restarted service. In-process: the service's ArticleSearcher on the same index, service stopped. " +
            "Latencies in ms.");
        Line();
        Line("| concurrency | gRPC QPS | p50 | p99 | p99.9 | errors | in-process QPS | p50 | p99 | p99.9 | errors | QPS gRPC/in-process | p99 gRPC − in-process |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in grpc)
        {
            var l = local.FirstOrDefault(r => r.Concurrency == g.Concurrency);
            var inProcess = l is null ? "| | | | | |" : $"| {l.Qps:N0} | {l.P50:F2} | {l.P99:F2} | {l.P999:F2} | {l.Errors} |";
            var ratios = l is null ? " | |" : $" {g.Qps / l.Qps:F2} | {g.P99 - l.P99:F2} |";
            Line($"| {g.Concurrency} | {g.Qps:N0} | {g.P50:F2} | {g.P99:F2} | {g.P999:F2} | {g.Errors} {inProcess}{ratios}");
        }

        foreach (var failed in grpc.Concat(local).Where(r => r.FirstError is not null).Take(3))
        {
            Line();
            Line($"First error at concurrency {failed.Concurrency}: {failed.FirstError}");
        }
    }

    /// <summary>
    /// The service as a ratio of the raw Lucene.NET baseline, one table per concurrency level:
    /// each line's QPS and p50 divided by the raw line's, measured in this run on the same corpus and queries.
    /// </summary>
    public void Comparison(string rawSetup, IReadOnlyList<LoadResult> raw, IReadOnlyList<(string Name, IReadOnlyList<LoadResult> Levels)> service)
    {
        Section("Against raw Lucene.NET: same corpus, queries, levels and seconds",
            $"Raw: {rawSetup} QPS / raw is the line's QPS over the raw QPS (1.00 = as fast; lower is slower); " +
            "p50 / raw is the line's median latency over the raw median (higher is slower). Latencies in ms.");
        foreach (var level in raw)
        {
            Line();
            Line($"Concurrency {level.Concurrency}:");
            Line();
            Line("| searcher | QPS | p50 | p99 | QPS / raw | p50 / raw |");
            Line("|---|---:|---:|---:|---:|---:|");
            Line($"| raw Lucene.NET | {level.Qps:N0} | {level.P50:F2} | {level.P99:F2} | 1.00 | 1.00 |");
            foreach (var (name, levels) in service)
            {
                if (levels.FirstOrDefault(r => r.Concurrency == level.Concurrency) is { } r)
                {
                    Line($"| {name} | {r.Qps:N0} | {r.P50:F2} | {r.P99:F2} | {r.Qps / level.Qps:F2} | {r.P50 / level.P50:F2} |");
                }
            }
        }
    }

    /// <summary>How the top 10 per query moved since an earlier run's file.</summary>
    public void Top10(Top10DiffResult diff, string earlier, string current, int worst)
    {
        Section("Top 10 against an earlier run",
            $"`{earlier}` against {current}, queries matched by id. Overlap@10 is shared ids over the longer list; " +
            "displacement is Spearman's footrule with a missing id at rank 11, over its maximum (0 unchanged, 1 nothing shared); " +
            "discordance is the fraction of shared-id pairs whose order flipped.");
        Line();
        Line("| queries compared | identical | set changed | only order changed | mean overlap@10 | mean displacement | mean discordance | only earlier | only now |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Line($"| {diff.Compared} | {diff.Identical} | {diff.SetChanged} | {diff.OrderChanged} | {diff.MeanOverlap:F3} | {diff.MeanDisplacement:F3} | " +
            $"{diff.MeanDiscordance:F3} | {diff.OnlyBefore} | {diff.OnlyAfter} |");
        var most = diff.Worst(worst);
        if (most.Count == 0)
        {
            return;
        }

        Line();
        Line($"The {most.Count} most changed:");
        Line();
        Line("| query | change | overlap@10 | displacement | discordance | entered | left |");
        Line("|---|---|---:|---:|---:|---:|---:|");
        foreach (var q in most)
        {
            Line($"| {q.QueryId} | {q.Change} | {q.Overlap:F2} | {q.Displacement:F3} | {q.Discordance:F3} | {q.Entered} | {q.Left} |");
        }
    }

    public void Resources(IEnumerable<(string What, string Value)> rows)
    {
        Section("Resources", "Peak RSS is VmHWM of each process. GC pauses are GC.GetTotalPauseDuration() of this tool's process; " +
            "the services' own GC pauses are not collected (no dotnet-counters here).");
        Line();
        Line("| what | value |");
        Line("|---|---:|");
        foreach (var (what, value) in rows)
        {
            Line($"| {what} | {value} |");
        }
    }

    /// <summary>A section with a table: the first column left-aligned, the others right-aligned; <paramref name="after"/> lines follow it.</summary>
    public void Table(string title, string intro, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, params IEnumerable<string> after)
    {
        Section(title, intro);
        Line();
        Line($"| {string.Join(" | ", columns)} |");
        Line($"|---|{string.Concat(columns.Skip(1).Select(_ => "---:|"))}");
        foreach (var row in rows)
        {
            Line($"| {string.Join(" | ", row)} |");
        }

        foreach (var line in after)
        {
            Line();
            Line(line);
        }
    }

    public override string ToString() => _text.ToString();

    private void Section(string title, string intro)
    {
        Line();
        Line($"### {title}");
        Line();
        Line(intro);
    }

    private void Line(string text = "") => _text.Append(CultureInfo.InvariantCulture, $"{text}\n");
}
