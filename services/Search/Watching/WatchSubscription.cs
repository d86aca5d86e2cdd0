using System.Threading.Channels;

namespace SeedSearch.Search.Watching;

/// <summary>
/// One open standing query and its bounded buffer of matches. The publisher never waits for a
/// slow reader: a match that does not fit is dropped and counted, and the reader gets a gap
/// notice with the count before the next match that fits. Dispose ends it.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> _events;
    private readonly Action<WatchSubscription> _closed;
    private readonly Lock _lock = new();
    private readonly int _bufferSize;
    private long _missed;
    private int _disposed;

    internal WatchSubscription(string client, StandingQuery query, int bufferSize, Action<WatchSubscription> closed)
    {
        Client = client;
        Query = query;
        _closed = closed;
        _bufferSize = bufferSize;
        // One slot is kept for the gap notice, so a full buffer can always say what it dropped.
        _events = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(bufferSize + 1) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>Who opened it (API key name or address), for the per-client limit.</summary>
    public string Client { get; }

    /// <summary>The standing query.</summary>
    public StandingQuery Query { get; }

    /// <summary>Matches and gap notices, in order.</summary>
    public ChannelReader<WatchEvent> Events => _events.Reader;

    /// <summary>Matches dropped so far because the reader fell behind.</summary>
    public long Dropped { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _events.Writer.TryComplete();
            _closed(this);
        }
    }

    // Called by the hub's one publishing thread (the lock only orders it with Dispose's completion).
    internal void Offer(WatchEvent match)
    {
        lock (_lock)
        {
            var queued = _events.Reader.Count;
            if (_missed > 0)
            {
                // The reader made room: first say how many it missed (the spare slot always fits it).
                if (queued > _bufferSize || !_events.Writer.TryWrite(WatchEvent.Gap(_missed)))
                {
                    Drop();
                    return;
                }

                _missed = 0;
                queued++;
            }

            if (queued >= _bufferSize || !_events.Writer.TryWrite(match))
            {
                Drop();
            }
        }
    }

    // Articles that were never matched (the hub fell behind): the next notice counts them too.
    internal void Missed(int articles)
    {
        lock (_lock)
        {
            _missed += articles;
            Dropped += articles;
        }
    }

    private void Drop()
    {
        _missed++;
        Dropped++;
    }
}
