using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using SeedSearch.Ingest.Options;
using SeedSearch.Ingest.Outbox;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// Drains the outbox to its target (search, or the article log) in acceptance order, one batch at
/// a time. An entry leaves the outbox only after the target has acknowledged it durably, so a
/// crash at any point replays at most the batch in flight (harmless: upserts and deletes by id).
/// While the target is down it pauses with doubling delays and keeps the entries.
/// </summary>
public sealed partial class OutboxForwarder(
    ArticleOutbox outbox,
    IForwardingTarget target,
    IOptions<PublishingOptions> publishing,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxForwarder> logger,
    CircuitBreakerStateProvider circuit) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _lock = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private ForwardingState _state = new(null, string.Empty, null, 0);
    private int _inFlight;
    private int _peakInFlight;

    /// <summary>How forwarding is going.</summary>
    public ForwardingState State => Volatile.Read(ref _state) with
    {
        Circuit = ForwardingPipelineFactory.StateOf(circuit),
        InFlight = Volatile.Read(ref _inFlight),
        PeakInFlight = Volatile.Read(ref _peakInFlight),
    };

    /// <summary>Tells the forwarder that new entries are waiting.</summary>
    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>
    /// Completes once everything up to <paramref name="sequence"/> is committed in search.
    /// Throws <see cref="IndexingPendingException"/> after <see cref="OutboxOptions.MaxIndexWait"/>.
    /// </summary>
    public async Task WaitUntilForwardedAsync(long sequence, CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (outbox.IsForwarded(sequence))
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, done));
        }

        try
        {
            await done.Task.WaitAsync(options.Value.MaxIndexWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            var state = State;
            throw new IndexingPendingException(
                $"Accepted and stored durably, but not searchable after {options.Value.MaxIndexWait.TotalSeconds:0.#} s; it will be indexed once "
                + (state.Failing ? $"the {target.Name} is back (last error: {state.LastError})." : $"the {outbox.Depth:N0} operations ahead of it are."));
        }
        finally
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = publishing.Value.RetryBaseDelay;
        LogStarted(target.Name, outbox.Depth, outbox.Path);
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = outbox.Peek(publishing.Value.BatchSize);
            if (batch.Count == 0)
            {
                await WaitForWorkAsync(TimeSpan.FromSeconds(5), stoppingToken);
                continue;
            }

            // The batch is all ingest holds in memory: the rest waits in the outbox file, so
            // memory stays bounded by BatchSize however long search is away.
            Volatile.Write(ref _inFlight, batch.Count);
            if (batch.Count > _peakInFlight)
            {
                Volatile.Write(ref _peakInFlight, batch.Count);
            }

            try
            {
                await ForwardAsync(batch, stoppingToken);
                outbox.Acknowledge(batch[^1].Sequence);
                Succeeded(batch.Count);
                pause = publishing.Value.RetryBaseDelay;
            }
            catch (ForwardingUnavailableException ex)
            {
                Failed(ex.Message);
                LogPaused(target.Name, outbox.Depth, pause, ex.Message);
                await WaitForWorkAsync(pause, stoppingToken, wakeEarly: false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.Value.MaxRetryPause.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever else goes wrong, the entries stay in the outbox and forwarding goes on:
                // a background service that throws would stop the whole ingest host.
                Failed($"{ex.GetType().Name}: {ex.Message}");
                LogUnexpected(ex, outbox.Depth, pause);
                await WaitForWorkAsync(pause, stoppingToken, wakeEarly: false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.Value.MaxRetryPause.Ticks));
            }
            finally
            {
                Volatile.Write(ref _inFlight, 0);
            }
        }
    }

    private Task ForwardAsync(IReadOnlyList<OutboxEntry> batch, CancellationToken cancellationToken)
    {
        // Only the newest operation per id matters; ids differ, so their order does not.
        var latest = batch.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        return target.ForwardAsync(latest, cancellationToken);
    }

    private async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken, bool wakeEarly = true)
    {
        try
        {
            if (wakeEarly)
            {
                await _wake.WaitAsync(timeout, cancellationToken);
            }
            else
            {
                await Task.Delay(timeout, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the outbox keeps whatever is left for the next start.
        }
    }

    private void Succeeded(int count)
    {
        var previous = State;
        if (previous.Failing)
        {
            LogResumed(target.Name, previous.LastError);
        }

        Volatile.Write(ref _state, new ForwardingState(time.GetUtcNow(), string.Empty, previous.LastErrorAt, previous.Forwarded + count));
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => outbox.IsForwarded(w.Sequence)))
            {
                waiter.Done.TrySetResult();
            }
        }
    }

    private void Failed(string error)
    {
        var previous = State;
        Volatile.Write(ref _state, previous with { LastError = error, LastErrorAt = time.GetUtcNow() });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox forwarder to {Target} started with {Depth} waiting operations in {Path}")]
    private partial void LogStarted(string target, long depth, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Target} unavailable; {Depth} operations wait in the outbox, next attempt in {Pause}: {Error}")]
    private partial void LogPaused(string target, long depth, TimeSpan pause, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarding failed unexpectedly; {Depth} operations wait in the outbox, next attempt in {Pause}")]
    private partial void LogUnexpected(Exception exception, long depth, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Target} is back; forwarding resumed after: {Error}")]
    private partial void LogResumed(string target, string error);
}
