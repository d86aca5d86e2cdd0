using System.Globalization;
using SeedSearch.Relevance;

namespace SeedSearch.Benchmarks;

/// <summary>Command-line options of one benchmark run.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        usage: SeedSearch.Benchmarks --source DIR [--queries FILE] [--articles N] [--seconds S] [--out DIR]
                                     [--seed N] [--chunk N] [--in-flight N] [--ceiling-threads 1,2]
                                     [--concurrency 1,2,8,32] [--warmup S] [--per-kind N]
                                     [--search-env KEY=VALUE]... [--repo DIR]
                                     [--skip-ceiling] [--skip-e2e] [--skip-search] [--keep-index] [--index DIR]
                                     [--crash KILLS] [--crash-ingest]
          --source           folder with corpus.jsonl.gz whose sentences are resampled (e.g. ../shared/data/govbr-news)
          --queries          queries.tsv added to the generated query set (e.g. ../shared/data/govbr-news-eval/queries.tsv)
          --articles         articles in the scale corpus (default 100000)
          --seconds          measured seconds per concurrency level and target (default 20)
          --out              folder for the cached corpus, logs and report.md (default: <temp>/seedsearch-bench)
          --seed             corpus and query generator seed (default 42)
          --chunk            articles per IngestArticles call (default 10000)
          --in-flight        IngestArticles calls open at once (default 2)
          --ceiling-threads  indexing threads of the raw Lucene ceiling, one run each (default 1 and nproc)
          --concurrency      closed-loop search workers, one level each (default 1,2,8,32)
          --warmup           seconds of unmeasured search before each target's levels (default 5)
          --per-kind         generated queries per kind: word, phrase, prefix, filtered (default 50)
          --search-env       environment variable for the search process, also applied in-process (repeatable)
          --repo             repository root (default: the folder holding Search.sln above the current one)
          --skip-ceiling     no raw Lucene ceiling
          --skip-e2e         no services: corpus and ceiling only
          --skip-search      no search loads (indexing only)
          --keep-index       keep the last ceiling index in <out>/ceiling-index-<threads>t (for --index)
          --index            only the in-process search loads over this existing index, with latency per query kind
          --crash            crash test instead: stream --articles through ingest while SIGKILLing search KILLS times,
                             then check every acknowledged article is found once and CheckIndex is clean (exit 1 if not)
          --crash-ingest     the crash test kills the ingest process instead of search
        """;

    public required string Source { get; init; }

    public string? Queries { get; init; }

    public required int Articles { get; init; }

    public required TimeSpan Seconds { get; init; }

    public required string Out { get; init; }

    public required int Seed { get; init; }

    public required int Chunk { get; init; }

    public required int InFlight { get; init; }

    public required IReadOnlyList<int> CeilingThreads { get; init; }

    public required IReadOnlyList<int> Concurrency { get; init; }

    public required TimeSpan Warmup { get; init; }

    public required int PerKind { get; init; }

    public required IReadOnlyDictionary<string, string> SearchEnv { get; init; }

    public required string Repo { get; init; }

    public bool SkipCeiling { get; init; }

    public bool SkipEndToEnd { get; init; }

    public bool SkipSearch { get; init; }

    public bool KeepIndex { get; init; }

    /// <summary>Process kills of a crash run; 0: no crash run.</summary>
    public int CrashKills { get; init; }

    /// <summary>The crash run kills ingest instead of search.</summary>
    public bool CrashIngest { get; init; }

    /// <summary>An existing index to load in-process only, or null.</summary>
    public string? Index { get; init; }

    /// <summary>The source corpus file.</summary>
    public string SourceCorpus => Path.Combine(Source, "corpus.jsonl.gz");

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string? source = null, queries = null, output = null, repo = null, index = null;
        int articles = 100_000, seconds = 20, seed = 42, chunk = 10_000, inFlight = 2, warmup = 5, perKind = 50, crash = 0;
        IReadOnlyList<int> ceilingThreads = new[] { 1, Environment.ProcessorCount }.Distinct().ToArray();
        IReadOnlyList<int> concurrency = [1, 2, 8, 32];
        bool skipCeiling = false, skipEndToEnd = false, skipSearch = false, keepIndex = false, crashIngest = false;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--skip-ceiling": skipCeiling = true; continue;
                case "--skip-e2e": skipEndToEnd = true; continue;
                case "--skip-search": skipSearch = true; continue;
                case "--keep-index": keepIndex = true; continue;
                case "--crash-ingest": crashIngest = true; continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--source": source = value; break;
                case "--queries": queries = value; break;
                case "--out": output = value; break;
                case "--repo": repo = value; break;
                case "--index": index = Directory.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--index: no folder {value}"); break;
                case "--articles": articles = Positive(name, value); break;
                case "--seconds": seconds = Positive(name, value); break;
                case "--seed": seed = Positive(name, value); break;
                case "--chunk": chunk = Positive(name, value); break;
                case "--in-flight": inFlight = Positive(name, value); break;
                case "--warmup": warmup = int.TryParse(value, CultureInfo.InvariantCulture, out var w) && w >= 0 ? w : throw new ArgumentException($"{name} takes a number >= 0"); break;
                case "--per-kind": perKind = Positive(name, value); break;
                case "--crash": crash = Positive(name, value); break;
                case "--ceiling-threads": ceilingThreads = List(name, value); break;
                case "--concurrency": concurrency = List(name, value); break;
                case "--search-env": CommandLineTool.AddKeyValue(env, name, value); break;
                default: throw new ArgumentException($"unknown argument '{name}'");
            }
        }

        source = Path.GetFullPath(source ?? throw new ArgumentException("--source is required"));
        if (!File.Exists(Path.Combine(source, "corpus.jsonl.gz")))
        {
            throw new ArgumentException($"missing {Path.Combine(source, "corpus.jsonl.gz")}");
        }

        if (queries is not null && !File.Exists(queries = Path.GetFullPath(queries)))
        {
            throw new ArgumentException($"missing {queries}");
        }

        return new BenchmarkOptions
        {
            Source = source,
            Queries = queries,
            Articles = articles,
            Seconds = TimeSpan.FromSeconds(seconds),
            Out = Path.GetFullPath(output ?? Path.Combine(Path.GetTempPath(), "seedsearch-bench")),
            Seed = seed,
            Chunk = chunk,
            InFlight = inFlight,
            CeilingThreads = ceilingThreads,
            Concurrency = concurrency,
            Warmup = TimeSpan.FromSeconds(warmup),
            PerKind = perKind,
            SearchEnv = env,
            Repo = repo is null ? LocalSystem.FindRepository() : Path.GetFullPath(repo),
            SkipCeiling = skipCeiling,
            SkipEndToEnd = skipEndToEnd,
            SkipSearch = skipSearch,
            KeepIndex = keepIndex,
            CrashKills = crash,
            CrashIngest = crashIngest,
            Index = index,
        };
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a number > 0, got '{value}'");

    private static int[] List(string name, string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Positive(name, v)).Distinct().ToArray() is { Length: > 0 } list
            ? list
            : throw new ArgumentException($"{name} takes a comma-separated list of numbers");
}
