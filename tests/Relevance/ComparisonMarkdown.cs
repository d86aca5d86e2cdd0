using System.Globalization;
using System.Text;

namespace SeedSearch.Relevance;

/// <summary>Markdown of a <see cref="QueryComparison"/>: the table by content words, and the file that explains the losses.</summary>
internal static class ComparisonMarkdown
{
    /// <summary>Queries listed as the service's largest wins.</summary>
    public const int Wins = 10;

    /// <summary>The table by content-word bucket, header first.</summary>
    public static IReadOnlyList<string> BucketTable(QueryComparison comparison) =>
    [
        "| content words | queries | service nDCG@10 | raw nDCG@10 | Δ | service loses | distractors@10 service | distractors@10 raw |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        .. comparison.Buckets.Select(b => Invariant(
            $"| {b.Bucket} | {b.Queries} | {b.ServiceNdcg:F3} | {b.RawNdcg:F3} | {Signed(b.Delta)} | {b.Losses} | {b.ServiceDistractors:F3} | {b.RawDistractors:F3} |")),
    ];

    /// <summary>
    /// The whole comparison: <paramref name="heading"/>, the bucket table, every lost query (worst
    /// first) with the articles ranked above its best-graded relevant one, then the largest wins.
    /// </summary>
    public static string Document(QueryComparison comparison, string heading, string setup, IReadOnlyDictionary<string, string> titles)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {heading}").AppendLine().AppendLine(setup).AppendLine();
        text.AppendLine("## nDCG@10 by content words").AppendLine();
        foreach (var line in BucketTable(comparison))
        {
            text.AppendLine(line);
        }

        text.AppendLine().AppendLine($"## Queries the service loses by more than {QueryComparison.LossMargin} ({comparison.Losses.Count}), worst first");
        foreach (var (query, i) in comparison.Losses.Select((q, i) => (q, i + 1)))
        {
            text.AppendLine().AppendLine($"### {i}. {query.Id}: {Cell(query.Text)}").AppendLine();
            text.AppendLine(Invariant($"service {query.ServiceNdcg:F3}, raw {query.RawNdcg:F3}, Δ {Signed(query.Delta)}; ") +
                $"best-graded relevant article (grade {query.BestGrade}) at service rank {Rank(query.ServiceRank)}, raw rank {Rank(query.RawRank)}.");
            if (query.Above.Count == 0)
            {
                text.AppendLine().AppendLine("Nothing ranks above it: the service loses further down its top 10.");
                continue;
            }

            text.AppendLine().AppendLine(Invariant($"The service ranks {query.AboveCount} above it{(query.AboveCount > query.Above.Count ? $"; the first {query.Above.Count}" : "")}:"));
            text.AppendLine().AppendLine("| rank | id | kind | title |").AppendLine("|---:|---|---|---|");
            foreach (var above in query.Above)
            {
                text.AppendLine($"| {above.Rank} | {above.Id} | {above.Kind} | {Cell(titles.GetValueOrDefault(above.Id, ""))} |");
            }
        }

        var wins = comparison.Wins(Wins);
        text.AppendLine().AppendLine($"## Queries the service wins by most ({wins.Count} of {comparison.Queries.Count(q => q.Won)})").AppendLine();
        text.AppendLine("| qid | query | service nDCG@10 | raw nDCG@10 | Δ | rank service | rank raw |").AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var query in wins)
        {
            text.AppendLine(Invariant($"| {query.Id} | {Cell(query.Text)} | {query.ServiceNdcg:F3} | {query.RawNdcg:F3} | {Signed(query.Delta)} | {Rank(query.ServiceRank)} | {Rank(query.RawRank)} |"));
        }

        return text.ToString();
    }

    private static string Signed(double value) => value.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);

    private static string Rank(int? rank) => rank?.ToString(CultureInfo.InvariantCulture) ?? "–";

    // Table cells and headings hold one line, and a '|' would end the cell.
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
