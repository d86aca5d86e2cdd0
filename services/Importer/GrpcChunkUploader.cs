using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Importer;

/// <summary>Opens <c>ingest.v1.IngestService/IngestArticles</c> calls on a gRPC client.</summary>
/// <param name="client">The ingest client.</param>
/// <param name="apiKey">Sent as <c>authorization: Bearer</c> metadata when not empty.</param>
/// <param name="timeout">Deadline of one call, from opening to the response; gRPC has no default deadline.</param>
/// <param name="waitForIndexed">Ask ingest to answer each chunk only once it is searchable.</param>
public sealed class GrpcChunkUploader(IngestService.IngestServiceClient client, string? apiKey, TimeSpan timeout, bool waitForIndexed = false)
    : IChunkUploader
{
    /// <inheritdoc />
    public IChunkCall Open(CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(apiKey))
        {
            headers.Add("authorization", $"Bearer {apiKey}");
        }

        return new Call(client.IngestArticles(headers, DateTime.UtcNow + timeout, cancellationToken), waitForIndexed);
    }

    private sealed class Call(AsyncClientStreamingCall<IngestArticlesRequest, IngestArticlesResponse> call, bool waitForIndexed) : IChunkCall
    {
        public Task WriteAsync(RawArticle article) =>
            call.RequestStream.WriteAsync(new IngestArticlesRequest { Article = article, WaitForIndexed = waitForIndexed });

        public async Task<IngestArticlesResponse> CompleteAsync()
        {
            await call.RequestStream.CompleteAsync();
            return await call.ResponseAsync;
        }

        public void Dispose() => call.Dispose();
    }
}
