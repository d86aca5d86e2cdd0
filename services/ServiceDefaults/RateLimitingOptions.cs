using System.ComponentModel.DataAnnotations;

namespace SeedSearch.ServiceDefaults;

/// <summary>
/// Request limits: a rate per client (a token bucket per client address) and a cap on calls
/// served at once over all clients. Section <c>RateLimiting</c>. Both are off by default.
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

    /// <summary>
    /// Calls served at once over all clients (a long client stream holds one for its whole
    /// length); 0 turns the cap off. Default 0.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxConcurrentCalls { get; set; }

    /// <summary>Calls that may wait, oldest first, for one of <see cref="MaxConcurrentCalls"/> before more are refused. Default 0.</summary>
    [Range(0, 1_000_000)]
    public int ConcurrencyQueueLimit { get; set; }
}
