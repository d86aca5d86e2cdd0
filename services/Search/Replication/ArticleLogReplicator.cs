using System.Globalization;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Grpc;
using SeedSearch.Search.Indexing;
using SeedSearch.ServiceDefaults.ArticleLog;

namespace SeedSearch.Search.Replication;

/// <summary>
/// Makes this search process a replica: follows the article log (a RabbitMQ stream) from the
/// offset stored in the index's last commit and applies its records in order, committing each
/// batch together with the offset of its last record. A crash loses nothing (uncommitted records
/// are delivered again from the stored offset) and applies nothing twice (records at or below it
/// are never applied again). An empty index replays the stream from its start.
/// </summary>
public sealed partial class ArticleLogReplicator(
    ArticleIndex index,
    BatchIndexer indexer,
    ReplicationState state,
    IOptions<ArticleLogOptions> options,
    TimeProvider time,
    ILogger<ArticleLogReplicator> logger) : BackgroundService
{
    /// <summary>Commit user data key: the stream the offset belongs to.</summary>
    public const string StreamKey = "seedsearch.log.stream";

    /// <summary>Commit user data key: offset of the last record in the commit.</summary>
    public const string OffsetKey = "seedsearch.log.offset";

    // Once this long passes with nothing more delivered, the batch so far is committed.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(10);
    private readonly ArticleLogOptions _options = options.Value;

    /// <summary>The offset stored in commit user data for <paramref name="stream"/>, or -1.</summary>
    public static long StoredOffset(IReadOnlyDictionary<string, string> commitData, string stream) =>
        commitData.TryGetValue(StreamKey, out var stored) && stored == stream
        && commitData.TryGetValue(OffsetKey, out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : -1;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(() => delay = _options.ReconnectDelay, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Broker lost, index refusing writes, anything: resubscribe from the last commit.
                state.Disconnected($"{ex.GetType().Name}: {ex.Message}");
                LogInterrupted(ex, delay);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
    }

    private async Task FollowAsync(Action connected, CancellationToken cancellationToken)
    {
        var data = index.CommitData;
        var applied = StoredOffset(data, _options.Stream);
        if (applied < 0 && data.TryGetValue(StreamKey, out var other))
        {
            LogOtherStream(other, _options.Stream);
        }

        // Replicas spread over the nodes; every node serves the whole stream.
        var endpoints = ArticleLogConnection.Endpoints(_options).OrderBy(_ => Random.Shared.Next()).ToList();
        var connection = await ArticleLogConnection.ConnectAsync(_options, endpoints, "seed-search-replica", cancellationToken);
        IChannel? channel = null;
        try
        {
            channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await FollowAsync(connection, channel, applied, connected, cancellationToken);
        }
        finally
        {
            await ArticleLogConnection.CloseQuietlyAsync(channel, connection, CloseTimeout);
        }
    }

    private async Task FollowAsync(IConnection connection, IChannel channel, long applied, Action connected, CancellationToken cancellationToken)
    {
        var length = await ArticleLogConnection.DeclareAsync(channel, _options, cancellationToken);
        await channel.BasicQosAsync(0, (ushort)_options.Prefetch, global: false, cancellationToken);

        var inbox = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            try
            {
                // The body is the client's buffer, valid only during this call.
                inbox.Writer.TryWrite(new Delivery(OffsetOf(delivery), delivery.Body.ToArray(), delivery.DeliveryTag));
            }
            catch (InvalidOperationException ex)
            {
                inbox.Writer.TryComplete(ex);
            }

            return Task.CompletedTask;
        };
        // Any of these says the subscription is over; the loop then resubscribes from the last commit.
        Task Closed(object? _, ShutdownEventArgs closed)
        {
            inbox.Writer.TryComplete(new IOException($"The article log subscription closed: {closed.ReplyText}"));
            return Task.CompletedTask;
        }

        consumer.ShutdownAsync += Closed;
        channel.ChannelShutdownAsync += Closed;
        connection.ConnectionShutdownAsync += Closed;

        var start = applied + 1;
        await channel.BasicConsumeAsync(_options.Stream, autoAck: false, consumerTag: string.Empty, noLocal: false, exclusive: false,
            new Dictionary<string, object?> { [ArticleLogConnection.OffsetHeader] = start }, consumer, cancellationToken);
        state.Subscribed(applied, start, length);
        connected();
        LogSubscribed(connection.Endpoint.ToString(), _options.Stream, start, index.DocumentCount);

        using var counting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counter = CountAsync(connection, counting.Token);
        try
        {
            while (await NextBatchAsync(inbox.Reader, channel, cancellationToken) is { Count: > 0 } batch)
            {
                applied = await ApplyAsync(batch, applied, cancellationToken);
                // Acks only pace deliveries (a stream removes nothing); the position is the commit's.
                // Bounded: an ack on a connection that died unnoticed must not wait forever.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(_options.OperationTimeout);
                await channel.BasicAckAsync(batch[^1].Tag, multiple: true, deadline.Token);
            }

            await inbox.Reader.Completion;
        }
        finally
        {
            await counting.CancelAsync();
            await counter;
        }
    }

    private async Task<long> ApplyAsync(IReadOnlyList<Delivery> batch, long applied, CancellationToken cancellationToken)
    {
        var changes = new List<IndexChange>(batch.Count);
        var offsets = new List<long>(batch.Count);
        var rejected = 0;
        foreach (var delivery in batch)
        {
            if (delivery.Offset <= applied)
            {
                continue;
            }

            if (ToChange(delivery) is { } change)
            {
                changes.Add(change);
                offsets.Add(delivery.Offset);
            }
            else
            {
                rejected++;
            }
        }

        var last = batch[^1].Offset;
        if (last <= applied)
        {
            return applied;
        }

        var (skipped, _) = await indexer.ApplyAsync(changes,
            new Dictionary<string, string> { [StreamKey] = _options.Stream, [OffsetKey] = last.ToString(CultureInfo.InvariantCulture) },
            cancellationToken);
        foreach (var (position, problem) in skipped)
        {
            LogRejected(offsets[position], problem);
        }

        state.Applied(last, changes.Count - skipped.Count, rejected + skipped.Count);
        return last;
    }

    private IndexChange? ToChange(Delivery delivery)
    {
        try
        {
            var record = LogRecord.Parser.ParseFrom(delivery.Body);
            switch (record.ChangeCase)
            {
                case LogRecord.ChangeOneofCase.Upsert:
                    return IndexChange.Upsert(record.Upsert.ToDomain());
                case LogRecord.ChangeOneofCase.DeleteId:
                    return IndexChange.Delete(record.DeleteId.Trim());
                default:
                    LogRejected(delivery.Offset, "the record holds no change");
                    return null;
            }
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or ServiceDefaults.Errors.ServiceException)
        {
            LogRejected(delivery.Offset, ex.Message);
            return null;
        }
    }

    // Takes what has arrived, then keeps taking until Prefetch records, a quiet moment or
    // MaxCommitDelay since the first: batches grow with the load, a lone record waits ~Quiet.
    private async Task<List<Delivery>?> NextBatchAsync(ChannelReader<Delivery> reader, IChannel channel, CancellationToken cancellationToken)
    {
        // While the log is idle, look at the channel every second: the shutdown events are the
        // main signal, this is the one that cannot be missed.
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(IdleCheck);
            try
            {
                if (!await reader.WaitToReadAsync(idle.Token))
                {
                    return null;
                }

                break;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!channel.IsOpen)
                {
                    throw new IOException($"The article log channel closed: {channel.CloseReason?.ReplyText ?? "no reason given"}");
                }
            }
        }

        var batch = new List<Delivery>();
        var started = time.GetTimestamp();
        while (batch.Count < _options.Prefetch)
        {
            while (batch.Count < _options.Prefetch && reader.TryRead(out var delivery))
            {
                batch.Add(delivery);
            }

            var left = _options.MaxCommitDelay - time.GetElapsedTime(started);
            if (batch.Count >= _options.Prefetch || left <= TimeSpan.Zero)
            {
                break;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(left < Quiet ? left : Quiet);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return batch;
    }

    // The broker's count of the stream, for the lag; it recounts every few seconds.
    private async Task CountAsync(IConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var ok = await channel.QueueDeclarePassiveAsync(_options.Stream, cancellationToken);
                state.Counted(ok.MessageCount);
                await Task.Delay(CountInterval, time, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Stopping, or the connection is gone (the subscription notices that itself).
        }
    }

    private static long OffsetOf(BasicDeliverEventArgs delivery) =>
        delivery.BasicProperties.Headers?.TryGetValue(ArticleLogConnection.OffsetHeader, out var value) == true && value is long offset
            ? offset
            : throw new InvalidOperationException($"A delivery from the stream carried no {ArticleLogConnection.OffsetHeader} header; is '{delivery.RoutingKey}' a stream?");

    private sealed record Delivery(long Offset, byte[] Body, ulong Tag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following the article log through {Endpoint}, stream {Stream}, from offset {Offset} ({Documents} documents in the index)")]
    private partial void LogSubscribed(string endpoint, string stream, long offset, int documents);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article log interrupted; resubscribing from the last commit in {Delay}")]
    private partial void LogInterrupted(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped article log record at offset {Offset}: {Problem}")]
    private partial void LogRejected(long offset, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index was last fed from stream {Other}, not {Stream}: replaying {Stream} from its start")]
    private partial void LogOtherStream(string other, string stream);
}
