using Google.Protobuf.WellKnownTypes;

namespace SeedSearch.Contracts.Search.V1;

/// <summary>Construction helper shared by the two services that build <see cref="Article"/> messages.</summary>
public sealed partial class Article
{
    /// <summary>Creates an article message; a null <paramref name="publishedAt"/> leaves the field unset.</summary>
    public static Article Create(string id, string title, string body, string url, string source,
        DateTimeOffset? publishedAt, IEnumerable<string> tags, string contentHash)
    {
        var article = new Article
        {
            Id = id,
            Title = title,
            Body = body,
            Url = url,
            Source = source,
            PublishedAt = publishedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            ContentHash = contentHash,
        };
        article.Tags.AddRange(tags);
        return article;
    }
}
