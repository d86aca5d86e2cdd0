using System.Globalization;
using System.Text;

namespace SeedSearch.Benchmarks;

/// <summary>
/// The top-10 TSV: one line per hit, <c>query id, rank, article id, score</c>, with a header line.
/// A query without hits still gets a line with rank 0 and no article, so "no results" is compared too.
/// </summary>
internal static class Top10File
{
    private const string Header = "query_id\trank\tarticle_id\tscore";

    public static void Write(string path, IEnumerable<Top10Hit> hits)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(Header + "\n");
        foreach (var hit in hits)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{hit.QueryId}\t{hit.Rank}\t{hit.ArticleId}\t{hit.Score:R}\n"));
        }
    }

    /// <summary>Article ids by query id, in rank order; a query written with rank 0 has an empty list.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Read(string path) =>
        Ranked(File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var parts = line.Split('\t');
            return parts.Length >= 4
                && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var rank)
                && float.TryParse(parts[3], CultureInfo.InvariantCulture, out var score)
                ? new Top10Hit(parts[0], rank, parts[2], score)
                : throw new FormatException($"{path}: not a top-10 line: '{line}'");
        }));

    /// <summary>Article ids by query id, in rank order; rank-0 lines only name a query without hits.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Ranked(IEnumerable<Top10Hit> hits) =>
        hits.GroupBy(h => h.QueryId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.Where(h => h.Rank > 0).OrderBy(h => h.Rank).Select(h => h.ArticleId).ToArray(),
            StringComparer.Ordinal);
}
