using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SeedSearch.TestSupport;

/// <summary>
/// A synthetic corpus of any size made of real sentences: each article copies the sentence count,
/// source and date of a random source article and draws its title and body sentences at random
/// from all source sentences. Deterministic for a seed; written once and cached by sources, size,
/// seed, id prefix and excluded articles.
/// </summary>
/// <param name="Path">The corpus.jsonl.gz file, in the format <see cref="DatasetFiles"/> reads.</param>
/// <param name="Articles">Articles in it.</param>
/// <param name="Bytes">UTF-8 bytes of every title and body.</param>
/// <param name="Reused">Whether an earlier run's file was reused.</param>
public sealed partial record ScaleCorpus(string Path, int Articles, long Bytes, bool Reused)
{
    /// <summary>The id prefix of the benchmark's corpora: ids <c>bench-{seed}-{i:D7}</c>.</summary>
    public const string BenchmarkPrefix = "bench";

    // Bump when the generator changes, so old cached files are not mistaken for new ones.
    private const int GeneratorVersion = 1;
    private const int MaxTitleWords = 14;

    /// <summary>Returns the cached benchmark corpus for these parameters, generating it first if needed.</summary>
    public static ScaleCorpus Ensure(string sourceCorpus, int articles, int seed, string folder) =>
        Ensure([sourceCorpus], articles, seed, folder, new HashSet<string>(), BenchmarkPrefix);

    /// <summary>
    /// Returns the cached corpus for these parameters, generating it first if needed. The sentences
    /// of every <paramref name="sourceCorpora"/> file are pooled in order, except every sentence
    /// (and the title) of an article in <paramref name="excludedIds"/>, wherever else it occurs;
    /// the ids are <c>{idPrefix}-{seed}-{i:D7}</c>. Throws <see cref="InvalidOperationException"/>
    /// when no sentence is left to draw from.
    /// </summary>
    public static ScaleCorpus Ensure(IReadOnlyList<string> sourceCorpora, int articles, int seed, string folder,
        IReadOnlySet<string> excludedIds, string idPrefix)
    {
        if (sourceCorpora.Count == 0 || !SafePrefix().IsMatch(idPrefix))
        {
            throw new ArgumentException($"a scale corpus needs a source corpus and an id prefix of lower-case letters, digits and '-', got '{idPrefix}'");
        }

        var identity = $"{GeneratorVersion}|{string.Join('|', sourceCorpora.Select(s => $"{System.IO.Path.GetFullPath(s)}|{new FileInfo(s).Length}"))}";
        if (idPrefix != BenchmarkPrefix || excludedIds.Count > 0)
        {
            // Only the benchmark's own corpora keep the short key, so their cached files stay valid.
            identity += $"|{idPrefix}|{string.Join(',', excludedIds.Order(StringComparer.Ordinal))}";
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..8].ToLowerInvariant();
        var name = string.Join('+', sourceCorpora.Select(s => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(s)))));
        var prefix = idPrefix == BenchmarkPrefix ? "" : idPrefix + "-";
        var path = System.IO.Path.Combine(folder, $"{prefix}{name}-{key}-n{articles}-seed{seed}.jsonl.gz");
        var stats = path + ".bytes";
        if (File.Exists(path) && File.Exists(stats))
        {
            return new ScaleCorpus(path, articles, long.Parse(File.ReadAllText(stats), CultureInfo.InvariantCulture), Reused: true);
        }

        var originals = sourceCorpora.SelectMany(DatasetFiles.EnumerateCorpus).ToList();
        Directory.CreateDirectory(folder);
        var partial = path + ".partial";
        var bytes = Generate(originals, excludedIds, articles, seed, idPrefix, partial);
        File.Move(partial, path, overwrite: true);
        // Written last: its presence marks a complete corpus.
        File.WriteAllText(stats, bytes.ToString(CultureInfo.InvariantCulture));
        return new ScaleCorpus(path, articles, bytes, Reused: false);
    }

    /// <summary>The sentences of a body: its text lines split after . ! ? before a capital, digit or quote.</summary>
    public static IEnumerable<string> Sentences(string body) =>
        body.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.Contains("](", StringComparison.Ordinal) && !line.StartsWith("http", StringComparison.Ordinal))
            .SelectMany(line => SentenceEnd().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Length is >= 20 and <= 1_000 && s.Contains(' ', StringComparison.Ordinal));

    private static long Generate(List<Contracts.Ingest.V1.RawArticle> originals, IReadOnlySet<string> excludedIds, int articles, int seed,
        string idPrefix, string path)
    {
        var shapes = originals
            .Select(a => (Sentences: Sentences(a.Body).Count(), a.Source, a.PublishedAt))
            .Where(s => s.Sentences > 0)
            .ToArray();
        // An excluded article's sentences stay out even where another article repeats them.
        var excluded = originals.Where(a => excludedIds.Contains(a.Id))
            .SelectMany(a => Sentences(a.Body).Append(a.Title))
            .ToHashSet(StringComparer.Ordinal);
        // Distinct keeps first occurrences in order, so the pool is the same on every run.
        var pool = originals.Where(a => !excludedIds.Contains(a.Id))
            .SelectMany(a => Sentences(a.Body))
            .Where(s => !excluded.Contains(s))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (pool.Length == 0)
        {
            throw new InvalidOperationException(excludedIds.Count == 0
                ? "the source corpus has no usable sentences"
                : $"the source corpus has no usable sentences once the {excluded.Count:N0} sentences and titles of the {excludedIds.Count:N0} excluded articles are left out");
        }

        var random = new Random(seed);
        long bytes = 0;
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        // Relaxed escaping keeps accented letters as UTF-8 instead of \u escapes.
        using var json = new Utf8JsonWriter(gzip, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var body = new StringBuilder();
        for (var i = 0; i < articles; i++)
        {
            var shape = shapes[random.Next(shapes.Length)];
            var title = Title(pool[random.Next(pool.Length)]);
            body.Clear();
            for (var s = 0; s < shape.Sentences; s++)
            {
                // Paragraphs of three sentences, as news bodies mostly are.
                body.Append(s == 0 ? "" : s % 3 == 0 ? "\n\n" : " ").Append(pool[random.Next(pool.Length)]);
            }

            var text = body.ToString();
            bytes += Encoding.UTF8.GetByteCount(title) + Encoding.UTF8.GetByteCount(text);
            json.Reset();
            json.WriteStartObject();
            json.WriteString("id", $"{idPrefix}-{seed}-{i:D7}");
            json.WriteString("title", title);
            json.WriteString("body", text);
            json.WriteString("url", $"https://{idPrefix}.example/{seed}/{i}");
            json.WriteString("source", shape.Source);
            json.WriteString("published_at", shape.PublishedAt);
            json.WriteEndObject();
            json.Flush();
            gzip.WriteByte((byte)'\n');
        }

        return bytes;
    }

    // The first words of a sentence, without its closing punctuation.
    private static string Title(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(MaxTitleWords)).TrimEnd('.', '!', '?', ',', ';', ':');
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d""])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SafePrefix();
}
