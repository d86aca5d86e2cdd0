namespace SeedSearch.Search.Replication;

/// <summary>A replica's position in the article log at one moment (see <c>search.v1.ReplicationStatus</c>).</summary>
public sealed record ReplicaStatus(
    string Stream,
    bool Connected,
    long AppliedOffset,
    long StreamLength,
    long ResumedFromOffset,
    long RecordsApplied,
    long RecordsRejected,
    string LastError,
    DateTimeOffset? LastAppliedAt)
{
    /// <summary>Records in the stream not applied here yet, as far as the broker's last count tells.</summary>
    public long Lag => Math.Max(0, StreamLength - 1 - AppliedOffset);
}
