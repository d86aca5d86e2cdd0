using System.Text.RegularExpressions;

namespace SeedSearch.Relevance;

/// <summary>Command-line options of one evaluation run.</summary>
internal sealed partial class RelevanceOptions
{
    public const string Usage = """
        usage: SeedSearch.Relevance --dataset DIR [--corpus DIR] [--out DIR] [--label TEXT]
                                    [--search-env KEY=VALUE]... [--repo DIR] [--variants plain,noaccent,typo]
                                    [--floor FILE] [--copies hits|listed]
                                    [--snippet-queries TEXT,TEXT...]
                                    [--distractors N] [--distractor-seed S] [--distractor-source DIR]... [--cache DIR]

        The same articles and query texts also go through a raw Lucene.NET searcher (PortugueseAnalyzer,
        BM25, title^2 + body, OR): its rows are labelled raw-lucene, and each variant's query-by-query
        comparison goes to <out>/<dataset>-<label>-<variant>-compare.md.

          --dataset     folder with queries.tsv, qrels.tsv (and corpus.jsonl.gz unless --corpus)
          --corpus      folder whose corpus.jsonl.gz is indexed instead (e.g. more distractors)
          --out         folder for run files, compare files, service logs, the raw index and results.md
                        (default: a new temp folder)
          --label       name of the analysis variant under test, shown in the table (default: default)
          --search-env  environment variable for the search process (repeatable)
          --repo        repository root (default: the folder holding Search.sln above the current one)
          --variants    query variants to run (default: all three)
          --floor       tab-separated nDCG@10 floors (dataset, variant, floor; e.g. tests/Relevance/ndcg-floor.tsv):
                        every service result with a floor is checked, and the run exits 3 if one is below it
          --copies      hits (default): the ranking is the hits as returned, one per story; listed: each hit's
                        listed near-duplicates follow it in the ranking, as the page shows them under it
          --snippet-queries  comma-separated queries whose top-10 snippets are written to
                        <out>/<dataset>-<label>-snippets.txt and checked for markup debris
                        (Markdown image or link syntax, addresses, file paths)
          --distractors also index N synthetic articles made of the sentences of the --distractor-source
                        corpora, leaving out every sentence and title of an article judged relevant in qrels.tsv;
                        the run also gives ingest two hours (Outbox__MaxIndexWait) to make them searchable
          --distractor-seed  seed of the synthetic articles (default 42); their ids are distractor-<seed>-<n>
          --distractor-source  folder whose corpus.jsonl.gz gives distractor sentences (repeatable;
                        default: the indexed corpus folder)
          --cache       folder for the generated distractor files (default: <temp>/seedsearch-relevance-corpora)
        """;

    private const int DefaultDistractorSeed = 42;

    private static readonly string DefaultCache = Path.Combine(Path.GetTempPath(), "seedsearch-relevance-corpora");

    public required string Dataset { get; init; }

    public required string Corpus { get; init; }

    public required string Out { get; init; }

    public required string Label { get; init; }

    public required string Repo { get; init; }

    public required IReadOnlyList<string> Variants { get; init; }

    public required IReadOnlyDictionary<string, string> SearchEnv { get; init; }

    /// <summary>Whether each hit's listed near-duplicates follow it in the ranking (<c>--copies listed</c>).</summary>
    public bool ListedCopies { get; init; }

    /// <summary>The nDCG@10 floors to check the results against, with <c>--floor</c>.</summary>
    public NdcgFloors? Floors { get; init; }
    public required IReadOnlyList<string> SnippetQueries { get; init; }

    /// <summary>Synthetic distractor articles indexed beside the corpus; 0 for none.</summary>
    public int Distractors { get; init; }

    public int DistractorSeed { get; init; } = DefaultDistractorSeed;

    /// <summary>Folders whose corpus.jsonl.gz give the distractors' sentences; the indexed corpus folder by default.</summary>
    public IReadOnlyList<string> DistractorSources { get; init; } = [];

    /// <summary>Folder of the generated distractor files, reused across runs.</summary>
    public string Cache { get; init; } = DefaultCache;

    /// <summary>
    /// Dataset name for tables and file names; names the corpus too when it is another folder's, and
    /// the distractors with their count (their sources and seed when not the default ones).
    /// </summary>
    public string Name
    {
        get
        {
            var name = Corpus == Dataset ? Path.GetFileName(Dataset) : $"{Path.GetFileName(Dataset)}@{Path.GetFileName(Corpus)}";
            if (Distractors > 0)
            {
                name += $"+{Distractors}";
                name += DistractorSources.SequenceEqual([Corpus]) ? "" : $"-of-{string.Join('+', DistractorSources.Select(Path.GetFileName))}";
                name += DistractorSeed == DefaultDistractorSeed ? "" : $"-seed{DistractorSeed}";
            }

            // Folder names may hold anything; the name goes into file names.
            return UnsafeNameCharacter().Replace(name, "_");
        }
    }

    /// <summary>
    /// Environment for the ingest process: distractors take longer to become searchable than
    /// ingest's default wait allows, so the call that streams them waits up to two hours.
    /// </summary>
    public IReadOnlyDictionary<string, string> IngestEnv => Distractors > 0
        ? new Dictionary<string, string> { ["Outbox__MaxIndexWait"] = "02:00:00" }
        : new Dictionary<string, string>();

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static RelevanceOptions Parse(IReadOnlyList<string> args)
    {
        string? dataset = null, corpus = null, output = null, repo = null, floor = null, cache = null;
        int distractors = 0;
        int? distractorSeed = null;
        var distractorSources = new List<string>();
        var label = "default";
        var variants = string.Join(',', QueryVariants.Names);
        var snippetQueries = string.Empty;
        var copies = "hits";
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--dataset": dataset = value; break;
                case "--corpus": corpus = value; break;
                case "--out": output = value; break;
                case "--label": label = value; break;
                case "--repo": repo = value; break;
                case "--variants": variants = value; break;
                case "--floor": floor = value; break;
                case "--snippet-queries": snippetQueries = value; break;
                case "--search-env": CommandLineTool.AddKeyValue(env, name, value); break;
                case "--distractors": distractors = CommandLineTool.NonNegative(name, value); break;
                case "--distractor-seed": distractorSeed = CommandLineTool.NonNegative(name, value); break;
                case "--distractor-source": distractorSources.Add(Path.GetFullPath(value)); break;
                case "--cache": cache = value; break;
                case "--copies": copies = value is "hits" or "listed" ? value : throw new ArgumentException($"--copies takes hits or listed, got '{value}'"); break;
                default: throw new ArgumentException($"unknown argument '{name}'");
            }
        }

        dataset = Path.GetFullPath(dataset ?? throw new ArgumentException("--dataset is required"));
        corpus = Path.GetFullPath(corpus ?? dataset);
        if (distractors == 0 && (distractorSeed is not null || distractorSources.Count > 0))
        {
            throw new ArgumentException("--distractor-seed and --distractor-source need --distractors");
        }

        distractorSources = distractorSources.Count > 0 ? distractorSources.Distinct().ToList() : [corpus];
        foreach (var file in new[] { Path.Combine(dataset, "queries.tsv"), Path.Combine(dataset, "qrels.tsv"), Path.Combine(corpus, "corpus.jsonl.gz") }
            .Concat(distractors > 0 ? distractorSources.Select(s => Path.Combine(s, "corpus.jsonl.gz")) : []))
        {
            if (!File.Exists(file))
            {
                throw new ArgumentException($"missing {file}");
            }
        }

        // The label becomes part of file names, so keep it to a safe alphabet.
        if (!SafeLabel().IsMatch(label))
        {
            throw new ArgumentException($"--label must be letters, digits, '.', '_' or '-', got '{label}'");
        }

        var chosen = variants.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (chosen.Length == 0 || chosen.Any(v => !QueryVariants.Names.Contains(v)))
        {
            throw new ArgumentException($"--variants takes {string.Join(',', QueryVariants.Names)}, got '{variants}'");
        }

        return new RelevanceOptions
        {
            Dataset = dataset,
            Corpus = corpus,
            Out = Path.GetFullPath(output ?? Path.Combine(Path.GetTempPath(), $"seedsearch-relevance-{DateTime.Now:yyyyMMdd-HHmmss}")),
            Label = label,
            Repo = repo is null ? LocalSystem.FindRepository() : Path.GetFullPath(repo),
            Variants = chosen.Distinct().ToArray(),
            SearchEnv = env,
            // Read now, so a bad file fails before the run rather than after it.
            Floors = floor is null ? null : NdcgFloors.Read(Path.GetFullPath(floor)),
            SnippetQueries = snippetQueries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Distractors = distractors,
            DistractorSeed = distractorSeed ?? DefaultDistractorSeed,
            DistractorSources = distractorSources,
            Cache = cache is null ? DefaultCache : Path.GetFullPath(cache),
            ListedCopies = copies == "listed",
        };
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeLabel();

    [GeneratedRegex(@"[^A-Za-z0-9._@+-]")]
    private static partial Regex UnsafeNameCharacter();
}
