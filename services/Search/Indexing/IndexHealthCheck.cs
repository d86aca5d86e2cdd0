using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Healthy when the index is open, searchable and takes writes; reports its size and location.
/// Unhealthy while writes are refused (disk full, read-only directory): each check tries to
/// reopen the writer, so the index recovers by itself even when no write arrives.
/// </summary>
public sealed class IndexHealthCheck(ArticleIndex index) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var data = new Dictionary<string, object> { ["documents"] = index.DocumentCount, ["path"] = index.Path };
            if (!await index.TryResumeWritesAsync(cancellationToken) && index.WriteFault is { } fault)
            {
                return HealthCheckResult.Unhealthy(fault.Message, data: data);
            }

            return HealthCheckResult.Healthy("index open", data);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
            return HealthCheckResult.Unhealthy("index unavailable", ex);
        }
    }
}
