namespace SeedSearch.Ingest.Outbox;

/// <summary>One pending operation, in acceptance order.</summary>
/// <param name="Sequence">Position in the outbox; increases with every accepted operation.</param>
/// <param name="Id">Article id.</param>
/// <param name="Operation">Upsert or delete.</param>
/// <param name="Payload">The serialised <c>search.v1.Article</c> of an upsert; empty for a delete.</param>
/// <param name="TraceParent">W3C traceparent of the accepting request, or null.</param>
public sealed record OutboxEntry(long Sequence, string Id, OutboxOperation Operation, byte[] Payload, string? TraceParent = null);
