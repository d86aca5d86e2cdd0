namespace SeedSearch.Importer;

/// <summary>
/// The import stopped: the ingest service stayed unreachable after retries or refused a call.
/// <see cref="Summary"/> holds what was imported before, so the operator knows where it stopped.
/// </summary>
public sealed class ImportFailedException(string message, ImportSummary summary, Exception innerException)
    : Exception(message, innerException)
{
    /// <summary>Counts of the chunks acknowledged before the failure.</summary>
    public ImportSummary Summary { get; } = summary;
}
