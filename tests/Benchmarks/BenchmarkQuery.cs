using Google.Protobuf.WellKnownTypes;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Querying;

namespace SeedSearch.Benchmarks;

/// <summary>One query of the load, sent the same way over gRPC and in-process (first page, default size).</summary>
/// <param name="Kind">eval, word, phrase, prefix or filtered.</param>
/// <param name="Text">Query text in the simple syntax.</param>
/// <param name="Source">Only this source, if set.</param>
/// <param name="PublishedAfter">Only articles published at or after this instant, if set.</param>
internal sealed record BenchmarkQuery(string Kind, string Text, string? Source = null, DateTimeOffset? PublishedAfter = null)
{
    /// <summary>Stable for the same query file, corpus and seed: <c>eval-&lt;qid&gt;</c>, or the kind and a number.</summary>
    public string Id { get; init; } = "";

    public SearchRequest ToRequest()
    {
        var request = new SearchRequest { Query = Text };
        if (Source is not null)
        {
            request.Sources.Add(Source);
        }

        if (PublishedAfter is { } after)
        {
            request.PublishedAfter = Timestamp.FromDateTimeOffset(after);
        }

        return request;
    }

    public SearchQuery ToQuery() => new(Text, 0, string.Empty, PublishedAfter: PublishedAfter, Sources: Source is null ? null : [Source]);
}
