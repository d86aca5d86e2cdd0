using System.Globalization;

namespace SeedSearch.Importer;

/// <summary>Writes an <see cref="ImportSummary"/> as plain text, for people and for CI logs.</summary>
public static class SummaryWriter
{
    /// <summary>Writes the totals, then the first rejected and malformed items with their file positions.</summary>
    public static void Write(ImportSummary summary, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        var rate = string.Create(c, $"{summary.Elapsed.TotalSeconds:N1} s, {summary.ArticlesPerSecond:N0} articles/s, {summary.MegabytesPerSecond:N2} MB/s");
        if (summary.DryRun)
        {
            writer.WriteLine(string.Create(c, $"Dry run: {summary.ArticlesRead:N0} articles read from {summary.FilesRead:N0} files, nothing sent ({rate})"));
        }
        else
        {
            writer.WriteLine(string.Create(c, $"Imported {summary.Sent:N0} articles from {summary.FilesRead:N0} files in {summary.Chunks:N0} chunks ({rate})"));
            writer.WriteLine(string.Create(c, $"  accepted   {summary.Accepted:N0} (created {summary.Created:N0}, updated {summary.Updated:N0}, unchanged {summary.Unchanged:N0})"));
            writer.WriteLine(string.Create(c, $"  rejected   {summary.RejectedCount:N0}"));
        }

        writer.WriteLine(string.Create(c, $"  malformed  {summary.MalformedCount:N0} (skipped)"));
        WriteProblems(writer, "Rejected", summary.Rejections, summary.RejectedCount);
        WriteProblems(writer, "Malformed", summary.Malformed, summary.MalformedCount);
    }

    private static void WriteProblems(TextWriter writer, string title, IReadOnlyList<ImportProblem> shown, long total)
    {
        if (shown.Count == 0)
        {
            return;
        }

        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title} (first {shown.Count:N0} of {total:N0}):"));
        foreach (var problem in shown)
        {
            var id = problem.Id.Length > 0 ? $" [{problem.Id}]" : string.Empty;
            writer.WriteLine($"  {problem.Location}{id}: {problem.Reason}");
        }
    }
}
