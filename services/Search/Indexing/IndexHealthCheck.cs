using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SeedSearch.Search.Indexing;

/// <summary>Healthy when the index is open and searchable; reports its size and location.</summary>
public sealed class IndexHealthCheck(ArticleIndex index) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var data = new Dictionary<string, object> { ["documents"] = index.DocumentCount, ["path"] = index.Path };
            return Task.FromResult(HealthCheckResult.Healthy("index open", data));
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("index unavailable", ex));
        }
    }
}
