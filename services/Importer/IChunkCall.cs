using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Importer;

/// <summary>One open <c>IngestArticles</c> client stream.</summary>
public interface IChunkCall : IDisposable
{
    /// <summary>Sends one article on the stream.</summary>
    Task WriteAsync(RawArticle article);

    /// <summary>Ends the stream and waits for the service's summary of it.</summary>
    Task<IngestArticlesResponse> CompleteAsync();
}
