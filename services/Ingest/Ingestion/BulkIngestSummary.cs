namespace SeedSearch.Ingest.Ingestion;

/// <summary>Totals of a bulk ingest.</summary>
/// <param name="Received">Articles read from the stream.</param>
/// <param name="Created">New articles indexed.</param>
/// <param name="Updated">Existing articles replaced.</param>
/// <param name="Unchanged">Articles already indexed with the same content.</param>
/// <param name="RejectedCount">Articles that failed validation.</param>
/// <param name="Rejections">Details of the first rejections (capped, see <see cref="ArticleIngestor.MaxReportedRejections"/>).</param>
public sealed record BulkIngestSummary(int Received, int Created, int Updated, int Unchanged, int RejectedCount, IReadOnlyList<BulkRejection> Rejections)
{
    /// <summary>Articles accepted: created, updated or unchanged.</summary>
    public int Accepted => Created + Updated + Unchanged;
}
