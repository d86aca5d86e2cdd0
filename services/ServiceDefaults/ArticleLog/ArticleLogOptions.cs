using System.ComponentModel.DataAnnotations;

namespace SeedSearch.ServiceDefaults.ArticleLog;

/// <summary>
/// The replicated article log: a RabbitMQ stream that ingest appends to and every search replica
/// applies in order. Section <c>ArticleLog</c>; off by default (one search process fed directly
/// by ingest). Ingest and every replica must agree on <see cref="Stream"/> and
/// <see cref="InitialClusterSize"/>: the broker refuses a declaration with other arguments.
/// </summary>
public sealed class ArticleLogOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ArticleLog";

    /// <summary>
    /// Ingest publishes to the log instead of calling search, and search applies the log and
    /// refuses direct writes. Default false.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Broker nodes as comma-separated <c>host:port</c> pairs, tried in turn (any node of the
    /// cluster serves the stream). Default <c>127.0.0.1:5672</c>.
    /// </summary>
    [Required]
    [RegularExpression(@"^\s*[^,:\s]+:\d{1,5}\s*(,\s*[^,:\s]+:\d{1,5}\s*)*$", ErrorMessage = "ArticleLog:Endpoints must be host:port pairs separated by commas.")]
    public string Endpoints { get; set; } = "127.0.0.1:5672";

    /// <summary>Stream (queue) name. Default <c>seed-search-articles</c>.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9._-]{1,200}$", ErrorMessage = "ArticleLog:Stream must be 1-200 letters, digits, '.', '_' or '-'.")]
    public string Stream { get; set; } = "seed-search-articles";

    /// <summary>
    /// Broker nodes holding a copy of the stream when it is first declared (fewer if the cluster
    /// has fewer nodes). Default 3: a majority, two copies, survives one node lost.
    /// </summary>
    [Range(1, 9)]
    public int InitialClusterSize { get; set; } = 3;

    /// <summary>Broker user. Default <c>guest</c> (which RabbitMQ admits from loopback only).</summary>
    [Required]
    public string UserName { get; set; } = "guest";

    /// <summary>Broker password. Default <c>guest</c>.</summary>
    [Required]
    public string Password { get; set; } = "guest";

    /// <summary>Broker virtual host. Default <c>/</c>.</summary>
    [Required]
    public string VirtualHost { get; set; } = "/";

    /// <summary>Ingest: publishes awaiting the broker's confirm at once. Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxUnconfirmed { get; set; } = 1000;

    /// <summary>
    /// Search: records delivered but not yet committed to the index (the consumer prefetch); a
    /// batch is at most this many. Default 5000.
    /// </summary>
    [Range(1, 65_535)]
    public int Prefetch { get; set; } = 5000;

    /// <summary>
    /// Search: longest a delivered record waits before the batch holding it is committed and
    /// searchable. Default 500 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxCommitDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pause before reconnecting after the broker is lost; doubles up to 10 s. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deadline for connecting and for one batch's publish confirms. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
