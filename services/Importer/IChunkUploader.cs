namespace SeedSearch.Importer;

/// <summary>Opens <c>IngestArticles</c> calls; a seam so the chunking and retries are testable without a server.</summary>
public interface IChunkUploader
{
    /// <summary>Starts a new client stream.</summary>
    IChunkCall Open(CancellationToken cancellationToken);
}
