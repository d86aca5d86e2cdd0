namespace SeedSearch.Benchmarks;

/// <summary>One end-to-end ingest run.</summary>
/// <param name="Sent">Articles streamed.</param>
/// <param name="Accepted">Articles ingest accepted.</param>
/// <param name="Rejected">Articles ingest rejected.</param>
/// <param name="Bytes">UTF-8 bytes of the titles and bodies sent.</param>
/// <param name="Elapsed">From the first write to the last answer (the last article searchable).</param>
/// <param name="IndexedDocuments">Documents Search counts afterwards (<c>*:*</c>), if it answered.</param>
/// <param name="SamplesFound">Sampled ids that GetArticle found.</param>
/// <param name="Samples">Sampled ids.</param>
/// <param name="FirstRejection">The first rejection, for the report.</param>
internal sealed record EndToEndResult(int Sent, int Accepted, int Rejected, long Bytes, TimeSpan Elapsed,
    long? IndexedDocuments, int SamplesFound, int Samples, string? FirstRejection)
{
    public double DocsPerSecond => Sent / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1e6 / Elapsed.TotalSeconds;
}
