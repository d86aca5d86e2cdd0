namespace SeedSearch.Ingest.Outbox;

/// <summary>An article to upsert through the outbox.</summary>
/// <param name="Id">Article id.</param>
/// <param name="ContentHash">Hash of the normalised content; an equal hash for the same id is a duplicate.</param>
/// <param name="Payload">The serialised <c>search.v1.Article</c>.</param>
/// <param name="TraceParent">W3C traceparent of the accepting request, or null.</param>
public sealed record OutboxArticle(string Id, string ContentHash, byte[] Payload, string? TraceParent = null);
