namespace SeedSearch.Benchmarks;

/// <summary>Command-line options of one benchmark run.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        usage: SeedSearch.Benchmarks --source DIR [--queries FILE] [--articles N] [--seconds S] [--out DIR]
                                     [--seed N] [--chunk N] [--in-flight N] [--ceiling-threads 1,2]
                                     [--concurrency 1,2,8,32] [--warmup S] [--per-kind N]
                                     [--search-env KEY=VALUE]... [--ingest-env KEY=VALUE]... [--repo DIR]
                                     [--skip-ceiling] [--skip-service-ceiling] [--skip-e2e] [--skip-search] [--keep-index] [--index DIR]
                                     [--skip-raw] [--raw-directory nio|mmap] [--top10-out FILE] [--top10-diff FILE]
                                     [--crash KILLS] [--crash-ingest] [--chaos KILLS] [--watch 100,1000] [--watch-batches 1,8,64] [--duplicates SAMPLE]
                                     [--load] [--minutes N] [--ingest-rate N] [--qps N] [--ingest-batch N] [--preload K]
                                     [--p99-limit MS] [--rss-slope-limit MB] [--sample-seconds S]
          --source           folder with corpus.jsonl.gz whose sentences are resampled (e.g. ../shared/data/govbr-news)
          --queries          queries.tsv added to the generated query set (e.g. ../shared/data/govbr-news-eval/queries.tsv)
          --articles         articles in the scale corpus (default 100000)
          --seconds          measured seconds per concurrency level and target (default 20); 0: no timed loads,
                             only the top-10 work (--top10-out, --top10-diff)
          --out              folder for the cached corpus, logs and report.md (default: <temp>/seedsearch-bench)
          --seed             corpus and query generator seed (default 42)
          --chunk            articles per IngestArticles call (default 10000)
          --in-flight        IngestArticles calls open at once (default 2)
          --ceiling-threads  indexing threads of the ceilings, one run each (default 1 and nproc)
          --concurrency      closed-loop search workers, one level each (default 1,2,8,32)
          --warmup           seconds of unmeasured search before each target's levels (default 5)
          --per-kind         generated queries per kind: word, phrase, prefix, filtered (default 50)
          --search-env       environment variable for the search process, also applied in-process (repeatable)
          --ingest-env       environment variable for the ingest process (repeatable), e.g. Publishing__BatchSize=1024
          --repo             repository root (default: the folder holding Search.sln above the current one)
          --skip-ceiling     no indexing ceilings
          --skip-service-ceiling  only the raw Lucene.NET ceiling (PortugueseAnalyzer, title + body)
          --skip-e2e         no services: corpus and ceiling only
          --skip-search      no search loads (indexing only)
          --keep-index       keep the last ceiling index in <out>/ceiling-index-<threads>t (for --index)
          --index            only the in-process search loads over this existing index, with latency per query kind;
                             with --articles, also the raw Lucene.NET baseline over that scale corpus (same --source,
                             --seed and --out as the run that built the index)
          --skip-raw         no raw Lucene.NET baseline (the searcher the service is reported as a ratio of)
          --raw-directory    Lucene directory of the raw baseline: nio or mmap (default mmap on 64-bit Linux, else nio)
          --top10-out        write each query's top 10 from the service's in-process searcher (first page, relevance)
                             as TSV: query id, rank, article id, score
          --top10-diff       compare this run's top 10 with a file written by --top10-out and report what changed
          --crash            crash test instead: stream --articles through ingest while SIGKILLing search KILLS times,
                             then check every acknowledged article is found once and CheckIndex is clean (exit 1 if not)
          --crash-ingest     the crash test kills the ingest process instead of search
          --chaos            scale-out chaos test instead: 3 RabbitMQ nodes (Debian's rabbitmq-server), ingest on the
                             article log and 2 search replicas; stream --articles while SIGKILLing a random broker node,
                             replica or ingest KILLS times, then check both replicas hold every acknowledged article, the
                             same id/hash set and a clean index (exit 1 if not); unless --skip-search, first measure
                             search over one replica against both (round robin), with the raw baseline
          --watch            standing-query cost instead: 2,000 articles of the corpus matched against each number of
                             open standing queries, per article, as ratios of raw Lucene.NET's and the service's own
                             indexing cost on one thread over the corpus
          --watch-batches    with --watch, also 1,000 articles handed over in batches of each size, matched each way
                             (a MemoryIndex per article, one batch index), to show where the batch index pays
          --duplicates       near-duplicate clustering instead: the source corpus indexed, SAMPLE clustered pairs written to
                             duplicates-sample.md for reading, and known copies (changed, added, cut sentences) counted
          --load             sustained mixed load instead: ingest and search at fixed rates, open loop, for --minutes
                             after --warmup; memory sampled; every acknowledged article checked (exit 1 on any failure)
          --minutes          measured minutes of the load (default 10)
          --ingest-rate      articles per second sent to ingest; 0: a search-only load (default 20)
          --qps              searches per second; 0: an ingest-only load (default 50)
          --ingest-batch     articles per ingest call: 1 sends unary IngestArticle, more a small IngestArticles stream (default 1)
          --preload          articles streamed and indexed before the warm-up (default 0)
          --p99-limit        search p99 above this many ms fails the load (default 50)
          --rss-slope-limit  RSS growth over the second half above this many MB/min, either service, fails the load (default 5)
          --sample-seconds   memory sampling interval of the load (default 5)
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

    /// <summary>Environment variables of the ingest process (end to end and search runs).</summary>
    public IReadOnlyDictionary<string, string> IngestEnv { get; init; } = new Dictionary<string, string>();

    public required string Repo { get; init; }

    public bool SkipCeiling { get; init; }

    /// <summary>Only the raw Lucene.NET ceiling, not the one with the service's documents and chain.</summary>
    public bool SkipServiceCeiling { get; init; }

    public bool SkipEndToEnd { get; init; }

    public bool SkipSearch { get; init; }

    public bool KeepIndex { get; init; }

    /// <summary>Process kills of a crash run; 0: no crash run.</summary>
    public int CrashKills { get; init; }

    /// <summary>Standing-query counts of a watch run; empty: no watch run.</summary>
    public IReadOnlyList<int> WatchQueries { get; init; } = [];

    /// <summary>Batch sizes a watch run also compares both matching ways at; empty: none.</summary>
    public IReadOnlyList<int> WatchBatches { get; init; } = [];

    /// <summary>Clustered pairs sampled by a duplicates run; 0: no duplicates run.</summary>
    public int DuplicateSample { get; init; }

    /// <summary>Process kills of a scale-out chaos run; 0: no chaos run.</summary>
    public int ChaosKills { get; init; }

    /// <summary>The crash run kills ingest instead of search.</summary>
    public bool CrashIngest { get; init; }

    /// <summary>Run the sustained mixed load instead of the benchmarks.</summary>
    public bool Load { get; init; }

    /// <summary>Measured minutes of the load.</summary>
    public required int Minutes { get; init; }

    /// <summary>Articles per second the load sends to ingest.</summary>
    public required int IngestRate { get; init; }

    /// <summary>Searches per second of the load.</summary>
    public required int Qps { get; init; }

    /// <summary>Articles per ingest call of the load; 1 is unary IngestArticle.</summary>
    public required int IngestBatch { get; init; }

    /// <summary>Articles indexed before the load's warm-up.</summary>
    public required int Preload { get; init; }

    /// <summary>The load fails when search p99 is above this, in ms.</summary>
    public required double P99Limit { get; init; }

    /// <summary>The load fails when either service's RSS grows faster than this over the second half, in MB/min.</summary>
    public required double RssSlopeLimit { get; init; }

    /// <summary>Memory sampling interval of the load.</summary>
    public required TimeSpan SampleInterval { get; init; }

    /// <summary>An existing index to load in-process only, or null.</summary>
    public string? Index { get; init; }

    /// <summary>Whether --articles was given (in --index mode it names the corpus of the raw baseline).</summary>
    public bool ArticlesGiven { get; init; }

    /// <summary>No raw Lucene.NET baseline.</summary>
    public bool SkipRaw { get; init; }

    /// <summary>The directory the raw baseline searches through.</summary>
    public RawDirectoryKind RawDirectory { get; init; } = RawLuceneBaseline.DefaultKind;

    /// <summary>Where to write this run's top 10 per query, or null.</summary>
    public string? Top10Out { get; init; }

    /// <summary>An earlier top-10 file to compare this run's top 10 with, or null.</summary>
    public string? Top10Diff { get; init; }

    /// <summary>Whether any top-10 work was asked for.</summary>
    public bool Top10 => Top10Out is not null || Top10Diff is not null;

    /// <summary>The source corpus file.</summary>
    public string SourceCorpus => Path.Combine(Source, "corpus.jsonl.gz");

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string? source = null, queries = null, output = null, repo = null, index = null, top10Out = null, top10Diff = null;
        int articles = 100_000, seconds = 20, seed = 42, chunk = 10_000, inFlight = 2, warmup = 5, perKind = 50, crash = 0;
        int chaos = 0, minutes = 10, ingestRate = 20, qps = 50, ingestBatch = 1, preload = 0, p99Limit = 50, rssSlopeLimit = 5, sampleSeconds = 5;
        IReadOnlyList<int> ceilingThreads = new[] { 1, Environment.ProcessorCount }.Distinct().ToArray();
        IReadOnlyList<int> concurrency = [1, 2, 8, 32];
        IReadOnlyList<int> watch = [];
        IReadOnlyList<int> watchBatches = [];
        var duplicateSample = 0;
        bool skipCeiling = false, skipServiceCeiling = false, skipEndToEnd = false, skipSearch = false, keepIndex = false, crashIngest = false, load = false, skipRaw = false;
        bool articlesGiven = false;
        var rawDirectory = RawLuceneBaseline.DefaultKind;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var ingestEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--skip-ceiling": skipCeiling = true; continue;
                case "--skip-service-ceiling": skipServiceCeiling = true; continue;
                case "--skip-e2e": skipEndToEnd = true; continue;
                case "--skip-search": skipSearch = true; continue;
                case "--keep-index": keepIndex = true; continue;
                case "--crash-ingest": crashIngest = true; continue;
                case "--load": load = true; continue;
                case "--skip-raw": skipRaw = true; continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--source": source = value; break;
                case "--queries": queries = value; break;
                case "--out": output = value; break;
                case "--repo": repo = value; break;
                case "--index": index = Directory.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--index: no folder {value}"); break;
                case "--articles": articles = CommandLineTool.Positive(name, value); articlesGiven = true; break;
                case "--seconds": seconds = CommandLineTool.NonNegative(name, value); break;
                case "--raw-directory": rawDirectory = ParseDirectory(value); break;
                case "--top10-out": top10Out = Path.GetFullPath(value); break;
                case "--top10-diff": top10Diff = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--top10-diff: no file {value}"); break;
                case "--seed": seed = CommandLineTool.Positive(name, value); break;
                case "--chunk": chunk = CommandLineTool.Positive(name, value); break;
                case "--in-flight": inFlight = CommandLineTool.Positive(name, value); break;
                case "--warmup": warmup = CommandLineTool.NonNegative(name, value); break;
                case "--preload": preload = CommandLineTool.NonNegative(name, value); break;
                case "--minutes": minutes = CommandLineTool.Positive(name, value); break;
                case "--ingest-rate": ingestRate = CommandLineTool.NonNegative(name, value); break;
                case "--qps": qps = CommandLineTool.NonNegative(name, value); break;
                case "--ingest-batch": ingestBatch = CommandLineTool.Positive(name, value); break;
                case "--p99-limit": p99Limit = CommandLineTool.Positive(name, value); break;
                case "--rss-slope-limit": rssSlopeLimit = CommandLineTool.Positive(name, value); break;
                case "--sample-seconds": sampleSeconds = CommandLineTool.Positive(name, value); break;
                case "--per-kind": perKind = CommandLineTool.Positive(name, value); break;
                case "--crash": crash = CommandLineTool.Positive(name, value); break;
                case "--chaos": chaos = CommandLineTool.Positive(name, value); break;
                case "--ceiling-threads": ceilingThreads = List(name, value); break;
                case "--concurrency": concurrency = List(name, value); break;
                case "--watch": watch = List(name, value); break;
                case "--watch-batches": watchBatches = List(name, value); break;
                case "--duplicates": duplicateSample = CommandLineTool.Positive(name, value); break;
                case "--search-env": CommandLineTool.AddKeyValue(env, name, value); break;
                case "--ingest-env": CommandLineTool.AddKeyValue(ingestEnv, name, value); break;
                default: throw new ArgumentException($"unknown argument '{name}'");
            }
        }

        if (seconds == 0 && (load || crash > 0 || chaos > 0))
        {
            throw new ArgumentException("--seconds 0 is only for the search benchmark and --index");
        }

        if (load && qps == 0 && ingestRate == 0)
        {
            throw new ArgumentException("--load needs --qps or --ingest-rate above 0");
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
            IngestEnv = ingestEnv,
            Repo = repo is null ? LocalSystem.FindRepository() : Path.GetFullPath(repo),
            SkipCeiling = skipCeiling,
            SkipServiceCeiling = skipServiceCeiling,
            SkipEndToEnd = skipEndToEnd,
            SkipSearch = skipSearch,
            KeepIndex = keepIndex,
            CrashKills = crash,
            CrashIngest = crashIngest,
            ChaosKills = chaos,
            WatchQueries = watch,
            WatchBatches = watchBatches,
            DuplicateSample = duplicateSample,
            Index = index,
            ArticlesGiven = articlesGiven,
            SkipRaw = skipRaw,
            RawDirectory = rawDirectory,
            Top10Out = top10Out,
            Top10Diff = top10Diff,
            Load = load,
            Minutes = minutes,
            IngestRate = ingestRate,
            Qps = qps,
            IngestBatch = ingestBatch,
            Preload = preload,
            P99Limit = p99Limit,
            RssSlopeLimit = rssSlopeLimit,
            SampleInterval = TimeSpan.FromSeconds(sampleSeconds),
        };
    }

    private static RawDirectoryKind ParseDirectory(string value) => value switch
    {
        "nio" => RawDirectoryKind.Nio,
        "mmap" => RawDirectoryKind.Mmap,
        _ => throw new ArgumentException($"--raw-directory takes nio or mmap, got '{value}'"),
    };

    private static int[] List(string name, string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => CommandLineTool.Positive(name, v)).Distinct().ToArray() is { Length: > 0 } list
            ? list
            : throw new ArgumentException($"{name} takes a comma-separated list of numbers");
}
