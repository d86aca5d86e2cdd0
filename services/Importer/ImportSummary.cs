using SeedSearch.ArticleFiles;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Importer;

/// <summary>
/// Running totals of an import: files, articles acknowledged by the service and what it did with
/// them, rejected and malformed items (the first few kept with their file positions), bytes and time.
/// </summary>
public sealed class ImportSummary(int maxProblemsShown)
{
    private readonly List<ImportProblem> _rejections = [];
    private readonly List<ImportProblem> _malformed = [];

    /// <summary>True when nothing was sent (parse and count only).</summary>
    public bool DryRun { get; init; }

    /// <summary>Files opened.</summary>
    public int FilesRead { get; private set; }

    /// <summary>Articles read from the files (malformed items excluded).</summary>
    public long ArticlesRead { get; private set; }

    /// <summary>Articles the service acknowledged receiving.</summary>
    public long Sent { get; private set; }

    /// <summary>Articles accepted (created + updated + unchanged).</summary>
    public long Accepted { get; private set; }

    /// <summary>Accepted articles that were new.</summary>
    public long Created { get; private set; }

    /// <summary>Accepted articles that replaced other content.</summary>
    public long Updated { get; private set; }

    /// <summary>Accepted articles already indexed with the same content.</summary>
    public long Unchanged { get; private set; }

    /// <summary>Articles the service rejected.</summary>
    public long RejectedCount { get; private set; }

    /// <summary>Items that were not articles at all (malformed JSON, wrong shape).</summary>
    public long MalformedCount { get; private set; }

    /// <summary>Serialized bytes of the articles acknowledged (or read, in a dry run).</summary>
    public long Bytes { get; private set; }

    /// <summary>Chunks acknowledged.</summary>
    public int Chunks { get; private set; }

    /// <summary>Time from start to the last acknowledgement.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>The first rejected articles, in stream order.</summary>
    public IReadOnlyList<ImportProblem> Rejections => _rejections;

    /// <summary>The first malformed items, in file order.</summary>
    public IReadOnlyList<ImportProblem> Malformed => _malformed;

    /// <summary>0 when every item was accepted, 1 when some were rejected or malformed.</summary>
    public int ExitCode => RejectedCount > 0 || MalformedCount > 0 ? 1 : 0;

    /// <summary>Articles per second over <see cref="Elapsed"/>.</summary>
    public double ArticlesPerSecond => Rate(DryRun ? ArticlesRead : Sent);

    /// <summary>Megabytes (10^6 bytes) per second over <see cref="Elapsed"/>.</summary>
    public double MegabytesPerSecond => Rate(Bytes) / 1_000_000;

    internal void AddFile() => FilesRead++;

    internal void AddRead(long bytes)
    {
        ArticlesRead++;
        if (DryRun)
        {
            Bytes += bytes;
        }
    }

    internal void AddMalformed(ArticleLocation location, string reason)
    {
        MalformedCount++;
        if (_malformed.Count < maxProblemsShown)
        {
            _malformed.Add(new ImportProblem(location, string.Empty, reason));
        }
    }

    /// <summary>Adds one acknowledged chunk; <paramref name="locations"/> maps its stream indexes back to files.</summary>
    internal void AddChunk(IngestArticlesResponse response, IReadOnlyList<ArticleLocation> locations, long bytes)
    {
        Chunks++;
        Sent += response.ReceivedCount;
        Accepted += response.AcceptedCount;
        Created += response.CreatedCount;
        Updated += response.UpdatedCount;
        Unchanged += response.UnchangedCount;
        RejectedCount += response.RejectedCount;
        Bytes += bytes;
        foreach (var rejected in response.Rejected)
        {
            if (_rejections.Count >= maxProblemsShown)
            {
                break;
            }

            var location = rejected.Index >= 0 && rejected.Index < locations.Count
                ? locations[rejected.Index]
                : new ArticleLocation($"(stream index {rejected.Index})");
            _rejections.Add(new ImportProblem(location, rejected.Id, Describe(rejected)));
        }
    }

    private static string Describe(RejectedArticle rejected)
    {
        var fields = string.Join("; ", rejected.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        return fields.Length == 0 || rejected.Reason.Contains(fields, StringComparison.Ordinal)
            ? rejected.Reason
            : $"{rejected.Reason} ({fields})";
    }

    private double Rate(long count) => Elapsed > TimeSpan.Zero ? count / Elapsed.TotalSeconds : 0;
}
