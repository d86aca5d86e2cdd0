using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.TestSupport;

/// <summary>Readers for the shared evaluation files: corpus.jsonl.gz, queries.tsv, qrels.tsv.</summary>
public static class DatasetFiles
{
    /// <summary>Every corpus line as a raw article that keeps the corpus id, since qrels refer to it.</summary>
    public static List<RawArticle> ReadCorpus(string path) => EnumerateCorpus(path).ToList();

    /// <summary>
    /// The corpus lines one at a time, for corpora too large to hold in memory. The fields are
    /// <c>id</c>, <c>title</c>, <c>body</c>, <c>url</c>, <c>source</c> and <c>published_at</c>.
    /// </summary>
    public static IEnumerable<RawArticle> EnumerateCorpus(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string Field(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            yield return new RawArticle
            {
                Id = Field("id"),
                Title = Field("title"),
                Body = Field("body"),
                Url = Field("url"),
                Source = Field("source"),
                PublishedAt = Field("published_at"),
                ContentType = "text/plain",
            };
        }
    }

    /// <summary>Writes <paramref name="articles"/> as a corpus.jsonl.gz file that <see cref="EnumerateCorpus"/> reads back.</summary>
    public static void WriteCorpus(string path, IEnumerable<RawArticle> articles)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip);
        foreach (var article in articles)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = article.Id,
                ["title"] = article.Title,
                ["body"] = article.Body,
                ["url"] = article.Url,
                ["source"] = article.Source,
                ["published_at"] = article.PublishedAt,
            }));
        }
    }

    /// <summary>qid and text of each line, in file order.</summary>
    public static List<(string Id, string Text)> ReadQueries(string path) =>
        Lines(path).Where(p => p.Length >= 2).Select(p => (p[0], p[1])).ToList();

    /// <summary>Grades by qid, then docid. Also reads TREC's four-column form (qid 0 docid grade).</summary>
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var parts in Lines(path).Where(p => p.Length >= 3))
        {
            var (qid, docid, grade) = parts.Length >= 4 ? (parts[0], parts[2], parts[3]) : (parts[0], parts[1], parts[2]);
            var judgments = qrels.TryGetValue(qid, out var found) ? found : qrels[qid] = new(StringComparer.Ordinal);
            var value = int.Parse(grade, CultureInfo.InvariantCulture);
            judgments[docid] = Math.Max(value, judgments.GetValueOrDefault(docid));
        }

        return qrels;
    }

    private static IEnumerable<string[]> Lines(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t', StringSplitOptions.TrimEntries));
}
