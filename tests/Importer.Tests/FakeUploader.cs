using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Importer.Tests;

/// <summary>
/// Records every call's articles and answers like ingest: articles without a body are rejected,
/// the rest created. Calls listed in <see cref="FailCalls"/> fail with that status at completion.
/// </summary>
public sealed class FakeUploader : IChunkUploader
{
    public List<List<RawArticle>> Calls { get; } = [];

    public Dictionary<int, StatusCode> FailCalls { get; } = [];

    public IChunkCall Open(CancellationToken cancellationToken)
    {
        var articles = new List<RawArticle>();
        Calls.Add(articles);
        return new Call(articles, FailCalls.TryGetValue(Calls.Count - 1, out var status) ? status : null);
    }

    private sealed class Call(List<RawArticle> articles, StatusCode? failure) : IChunkCall
    {
        public Task WriteAsync(RawArticle article)
        {
            articles.Add(article);
            return Task.CompletedTask;
        }

        public Task<IngestArticlesResponse> CompleteAsync()
        {
            if (failure is { } status)
            {
                throw new RpcException(new Status(status, "injected"));
            }

            var response = new IngestArticlesResponse { ReceivedCount = articles.Count };
            for (var i = 0; i < articles.Count; i++)
            {
                if (articles[i].Body.Length == 0)
                {
                    var rejected = new RejectedArticle { Index = i, Id = articles[i].Id, Reason = "article.body is required" };
                    rejected.FieldViolations.Add(new FieldViolation { Field = "article.body", Description = "must not be empty" });
                    response.Rejected.Add(rejected);
                    response.RejectedCount++;
                }
                else
                {
                    response.AcceptedCount++;
                    response.CreatedCount++;
                }
            }

            return Task.FromResult(response);
        }

        public void Dispose()
        {
        }
    }
}
