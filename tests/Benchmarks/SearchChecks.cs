using Grpc.Core;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.Benchmarks;

/// <summary>What arrived in the index, asked of the search service itself.</summary>
internal static class SearchChecks
{
    // Enough to overlap round trips without competing with a load still running.
    private const int Parallelism = 4;

    /// <summary>Every document, counted by the service: Lucene syntax's match-all query; null if the syntax is refused.</summary>
    public static async Task<long?> TotalDocumentsAsync(SearchService.SearchServiceClient search, CancellationToken cancellationToken)
    {
        try
        {
            var response = await search.SearchAsync(new SearchRequest { Query = "*:*", Syntax = Syntax.Lucene, PageSize = 1 }, cancellationToken: cancellationToken);
            return response.TotalHits;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            return null;
        }
    }

    /// <summary>How many of <paramref name="ids"/> <c>GetArticle</c> answers NOT_FOUND for.</summary>
    public static async Task<int> CountMissingAsync(SearchService.SearchServiceClient search, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var missing = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            try
            {
                await search.GetArticleAsync(new GetArticleRequest { Id = id }, cancellationToken: ct);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                Interlocked.Increment(ref missing);
            }
        });
        return missing;
    }
}
