using Microsoft.Extensions.Diagnostics.HealthChecks;
using SeedSearch.Ingest.Outbox;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// Degraded (still serving: articles are accepted and kept) while the forwarding target is failing or the
/// outbox is full; the data carries the outbox depth and the last error.
/// </summary>
public sealed class OutboxHealthCheck(ArticleOutbox outbox, OutboxForwarder forwarder, IForwardingTarget target) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = forwarder.State;
        var depth = outbox.Depth;
        var data = new Dictionary<string, object>
        {
            ["outbox_depth"] = depth,
            ["outbox_capacity"] = outbox.MaxDepth,
            ["dead_letters"] = outbox.DeadLetters,
            ["last_error"] = state.LastError,
            ["last_error_at"] = state.LastErrorAt?.ToString("O") ?? string.Empty,
            ["last_forward_at"] = state.LastSuccessAt?.ToString("O") ?? string.Empty,
            ["circuit"] = state.Circuit.ToString(),
        };
        var result = depth >= outbox.MaxDepth
            ? HealthCheckResult.Degraded($"The outbox is full ({depth} operations); new articles are refused until the {target.Name} catches up.", data: data)
            : state.Failing
                ? HealthCheckResult.Degraded($"The {target.Name} is unavailable; {depth} operations wait in the outbox: {state.LastError}", data: data)
                : HealthCheckResult.Healthy($"{depth} operations wait in the outbox.", data);
        return Task.FromResult(result);
    }
}
