using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Search.Options;

/// <summary>Standing queries (<c>SearchService.Watch</c>). Section <c>Watch</c>.</summary>
public sealed class WatchOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Watch";

    /// <summary>Standing queries open at once on this process, over all clients. Default 1000.</summary>
    [Range(0, 1_000_000)]
    public int MaxStandingQueries { get; set; } = 1000;

    /// <summary>Standing queries one client (API key name, or address without a key) may hold open. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int MaxPerClient { get; set; } = 20;

    /// <summary>
    /// Matches held for a stream whose reader is slower than the articles arrive; past it the
    /// oldest wait is not grown: newer matches are dropped and counted, and the stream gets a gap
    /// notice with the count once it has room. Default 256.
    /// </summary>
    [Range(1, 100_000)]
    public int BufferSize { get; set; } = 256;

    /// <summary>How often an idle stream gets a heartbeat. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
