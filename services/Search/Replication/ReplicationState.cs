using Microsoft.Extensions.Options;
using SeedSearch.ServiceDefaults.ArticleLog;

namespace SeedSearch.Search.Replication;

/// <summary>
/// What the replicator has done so far, for the status RPC and the metrics; null
/// <see cref="Current"/> when this process is not a replica (written directly by ingest).
/// </summary>
public sealed class ReplicationState(IOptions<ArticleLogOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private ReplicaStatus _status = new(options.Value.Stream, false, -1, 0, -1, 0, 0, string.Empty, null);

    /// <summary>The replica's status, or null when the article log is off.</summary>
    public ReplicaStatus? Current => options.Value.Enabled ? Volatile.Read(ref _status) : null;

    internal void Subscribed(long appliedOffset, long resumedFrom, long streamLength) =>
        Update(s => s with { Connected = true, AppliedOffset = appliedOffset, ResumedFromOffset = resumedFrom, StreamLength = Math.Max(s.StreamLength, streamLength), LastError = string.Empty });

    internal void Counted(long streamLength) => Update(s => s with { StreamLength = Math.Max(s.StreamLength, streamLength) });

    internal void Applied(long offset, int applied, int rejected) => Update(s => s with
    {
        AppliedOffset = offset,
        // A broker's count lags its appends: the stream is at least as long as what was delivered.
        StreamLength = Math.Max(s.StreamLength, offset + 1),
        RecordsApplied = s.RecordsApplied + applied,
        RecordsRejected = s.RecordsRejected + rejected,
        LastAppliedAt = time.GetUtcNow(),
    });

    internal void Disconnected(string error) => Update(s => s with { Connected = false, LastError = error });

    private void Update(Func<ReplicaStatus, ReplicaStatus> change)
    {
        lock (_lock)
        {
            Volatile.Write(ref _status, change(_status));
        }
    }
}
