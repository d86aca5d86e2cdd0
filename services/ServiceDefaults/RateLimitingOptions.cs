using System.ComponentModel.DataAnnotations;

namespace SeedSearch.ServiceDefaults;

/// <summary>
/// Per-client request rate limit (a token bucket per client address). Section
/// <c>RateLimiting</c>. Off by default: set <see cref="PermitsPerSecond"/> to turn it on.
/// </summary>
public sealed class RateLimitingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "RateLimiting";

    /// <summary>Requests per second a client may make on average; 0 turns limiting off. Default 0.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may make at once above the average rate. Default 100.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;
}
