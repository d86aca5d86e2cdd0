using System.Threading.Channels;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.Watching;

/// <summary>
/// The open standing queries and the matching of newly searchable articles against them. The
/// indexer hands over each committed batch (<see cref="Indexed"/>) and goes on; one background
/// loop analyses the batch once (one article into a one-document index, a bulk batch into one
/// small index) and runs on it the standing queries its terms can trigger
/// (<see cref="QueryTriggers"/>), so indexing never waits for watchers and memory stays bounded
/// by the per-stream buffers.
/// </summary>
public sealed partial class WatchHub : BackgroundService
{
    // Committed batches waiting to be matched. Past this the indexer still does not wait: the batch
    // is not matched, and every open stream gets a gap notice counting its articles.
    private const int MaxPendingBatches = 1024;

    // A batch goes into one small index when it holds at least MinBatchArticles and its articles
    // times the open queries reach MinBatchWork; below, each article gets a one-document
    // MemoryIndex. The batch index costs a writer per batch (about 1.3 ms), and each query costs
    // more on it than on a MemoryIndex, but runs once per batch instead of once per article;
    // measured, it breaks even at about 64 articles with 10 open queries, 8 with 100 and 3 with
    // 1,000 (docs/watch.md). Chunks of at most MaxBatch keep that index small.
    private const int MinBatchArticles = 4;
    private const int MinBatchWork = 800;
    private const int MaxBatch = 1024;

    private readonly ArticleMatcher _matcher;
    private readonly SnippetHighlighter _highlighter;
    private readonly WatchOptions _options;
    private readonly ILogger<WatchHub> _logger;
    private readonly Lock _lock = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly Channel<IReadOnlyList<IndexedArticle>> _pending =
        Channel.CreateBounded<IReadOnlyList<IndexedArticle>>(new BoundedChannelOptions(MaxPendingBatches) { SingleReader = true });
    private Snapshot _snapshot = Snapshot.Of([]);
    private long _unmatched;

    /// <summary>Creates the hub over the index's analysis chains.</summary>
    public WatchHub(ArticleMatcher matcher, SnippetHighlighter highlighter, IOptions<WatchOptions> options, ILogger<WatchHub> logger)
    {
        _matcher = matcher;
        _highlighter = highlighter;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Standing queries open now.</summary>
    public int Count => Volatile.Read(ref _snapshot).Subscriptions.Length;

    /// <summary>Articles never matched because the matching loop fell far behind.</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    /// <summary>
    /// Opens a standing query for <paramref name="client"/>; dispose the subscription to close it.
    /// Throws <see cref="ResourceExhaustedException"/> past the per-client or total limit.
    /// </summary>
    public WatchSubscription Open(string client, StandingQuery query)
    {
        lock (_lock)
        {
            if (_subscriptions.Count >= _options.MaxStandingQueries)
            {
                throw new ResourceExhaustedException(
                    $"This server holds its maximum of {_options.MaxStandingQueries} standing queries; try again later.", TimeSpan.FromSeconds(30));
            }

            if (_subscriptions.Count(s => s.Client == client) >= _options.MaxPerClient)
            {
                throw new ResourceExhaustedException(
                    $"This client already holds its maximum of {_options.MaxPerClient} standing queries; close one first.");
            }

            var subscription = new WatchSubscription(client, query, _options.BufferSize, Close);
            _subscriptions.Add(subscription);
            Publish();
            return subscription;
        }
    }

    /// <summary>
    /// Hands over articles that just became searchable (created or changed). Returns at once;
    /// with no standing query open it costs nothing.
    /// </summary>
    public void Indexed(IReadOnlyList<IndexedArticle> articles)
    {
        if (articles.Count == 0 || Count == 0)
        {
            return;
        }

        if (!_pending.Writer.TryWrite(articles))
        {
            Interlocked.Add(ref _unmatched, articles.Count);
            foreach (var subscription in Volatile.Read(ref _snapshot).Subscriptions)
            {
                subscription.Missed(articles.Count);
            }
        }
    }

    /// <summary>Matches <paramref name="articles"/> against every open standing query now (the loop's work, also for tests).</summary>
    public void Match(IReadOnlyList<IndexedArticle> articles) => Match(articles, inBatch: null);

    /// <summary>
    /// Matches <paramref name="articles"/> as one batch index or with a MemoryIndex each; null
    /// chooses by <see cref="InBatch"/> (the benchmark forces either way).
    /// </summary>
    internal void Match(IReadOnlyList<IndexedArticle> articles, bool? inBatch)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Subscriptions.Length == 0)
        {
            return;
        }

        var candidates = new bool[snapshot.Subscriptions.Length];
        if (!(inBatch ?? InBatch(articles.Count, candidates.Length)))
        {
            foreach (var article in articles)
            {
                using var analysed = _matcher.Prepare(article);
                Array.Clear(candidates);
                snapshot.Triggers.Mark(analysed.Reader, candidates);
                for (var i = 0; i < candidates.Length; i++)
                {
                    var subscription = snapshot.Subscriptions[i];
                    if (candidates[i] && subscription.Query.Admits(article) && analysed.Matches(subscription.Query.Query))
                    {
                        Offer(subscription, article);
                    }
                }
            }

            return;
        }

        foreach (var chunk in articles.Chunk(MaxBatch))
        {
            using var analysed = _matcher.Prepare(chunk);
            Array.Clear(candidates);
            snapshot.Triggers.Mark(analysed.Reader, candidates);
            for (var i = 0; i < candidates.Length; i++)
            {
                if (!candidates[i])
                {
                    continue;
                }

                var subscription = snapshot.Subscriptions[i];
                foreach (var position in analysed.Match(snapshot.BatchQueries[i]))
                {
                    if (subscription.Query.Admits(chunk[position]))
                    {
                        Offer(subscription, chunk[position]);
                    }
                }
            }
        }
    }

    /// <summary>Whether <paramref name="articles"/> handed over at once with <paramref name="queries"/> open are matched as one batch.</summary>
    internal static bool InBatch(int articles, int queries) => articles >= MinBatchArticles && articles * queries >= MinBatchWork;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    Match(batch);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A query that cannot run on one article must not end matching for everyone.
                    LogMatchFailed(ex, batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: open streams end with the host.
        }
    }

    private void Offer(WatchSubscription subscription, IndexedArticle article)
    {
        var query = subscription.Query.Query;
        subscription.Offer(new WatchEvent(article, () => _highlighter.Highlight(query, article.Body)));
    }

    private void Close(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
            Publish();
        }
    }

    // Called under the lock: readers take the subscriptions and their pre-filter as one snapshot.
    private void Publish() =>
        Volatile.Write(ref _snapshot, Snapshot.Of([.. _subscriptions]));

    [LoggerMessage(Level = LogLevel.Error, Message = "Matching {Count} articles against the standing queries failed")]
    private partial void LogMatchFailed(Exception exception, int count);

    private sealed record Snapshot(WatchSubscription[] Subscriptions, QueryTriggers Triggers, Query[] BatchQueries)
    {
        public static Snapshot Of(WatchSubscription[] subscriptions) => new(subscriptions,
            new QueryTriggers([.. subscriptions.Select(s => s.Query.Query)]), [.. subscriptions.Select(s => ArticleMatcher.Complete(s.Query.Query))]);
    }
}
