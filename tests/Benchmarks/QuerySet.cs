using System.Globalization;
using System.Text.RegularExpressions;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Benchmarks;

/// <summary>
/// The search load's queries: a dataset's queries as written, plus generated single words (the
/// most frequent content words of the source corpus), two-word phrases from its sentences,
/// prefixes of frequent long words and filtered queries (one source, or published after the
/// median date). Deterministic for a seed.
/// </summary>
internal static partial class QuerySet
{
    private const int MinWordLength = 4;
    private const int MinPrefixWordLength = 7;

    public static IReadOnlyList<BenchmarkQuery> Build(string? queriesPath, IReadOnlyList<RawArticle> source,
        PortugueseAnalyzerFactory analyzers, int perKind, int seed)
    {
        var queries = new List<BenchmarkQuery>();
        if (queriesPath is not null)
        {
            queries.AddRange(DatasetFiles.ReadQueries(queriesPath).Select(q => new BenchmarkQuery("eval", q.Text) { Id = $"eval-{q.Id}" }));
        }

        // Words by the number of articles containing them, ties in first-seen order.
        var frequent = source
            .SelectMany(a => Words().Matches($"{a.Title}\n{a.Body}").Select(m => m.Value.ToLowerInvariant()).Distinct())
            .Where(w => w.Length >= MinWordLength && !analyzers.IsStopWord(w))
            .GroupBy(w => w)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .ToList();
        var words = frequent.Take(perKind).ToList();
        queries.AddRange(words.Select(w => new BenchmarkQuery("word", w)));

        var random = new Random(seed);
        var sentences = source.SelectMany(a => ScaleCorpus.Sentences(a.Body)).ToArray();
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; phrases.Count < perKind && attempt < perKind * 100 && sentences.Length > 0; attempt++)
        {
            var tokens = sentences[random.Next(sentences.Length)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 2)
            {
                continue;
            }

            var at = random.Next(tokens.Length - 1);
            var (first, second) = (tokens[at], tokens[at + 1]);
            if (Word().IsMatch(first) && Word().IsMatch(second) && !analyzers.IsStopWord(first) && !analyzers.IsStopWord(second))
            {
                phrases.Add($"\"{first} {second}\"");
            }
        }

        queries.AddRange(phrases.Select(p => new BenchmarkQuery("phrase", p)));

        queries.AddRange(frequent
            .Where(w => w.Length >= MinPrefixWordLength)
            .Select(w => w[..Math.Max(MinWordLength, w.Length - 3)] + "*")
            .Distinct()
            .Take(perKind)
            .Select(p => new BenchmarkQuery("prefix", p)));

        var sources = source.Where(a => a.Source.Length > 0).GroupBy(a => a.Source).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(10).ToArray();
        var dates = source.Select(a => DateTimeOffset.TryParse(a.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null)
            .OfType<DateTimeOffset>().Order().ToArray();
        for (var i = 0; i < Math.Min(perKind, words.Count); i++)
        {
            // Alternately a source filter and a date filter, over the same frequent words.
            queries.Add(i % 2 == 0 && sources.Length > 0
                ? new BenchmarkQuery("filtered", words[i], Source: sources[i / 2 % sources.Length])
                : new BenchmarkQuery("filtered", words[i], PublishedAfter: dates.Length > 0 ? dates[dates.Length / 2] : DateTimeOffset.UnixEpoch));
        }

        // The generated ones are numbered within their kind, so top-10 files of two runs line up.
        return queries
            .Select((q, i) => q.Id.Length > 0 ? q : q with { Id = $"{q.Kind}-{queries.Take(i).Count(p => p.Kind == q.Kind) + 1:D3}" })
            .ToList();
    }

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Words();

    [GeneratedRegex(@"^\p{L}{3,}$")]
    private static partial Regex Word();
}
