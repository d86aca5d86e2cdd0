using Google.Protobuf;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest.Outbox;
using SeedSearch.ServiceDefaults.ArticleLog;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// Appends outbox operations to the article log (a replicated RabbitMQ stream) with publisher
/// confirms. A batch counts as forwarded only when the broker has confirmed every record, which
/// for a stream means a majority of its copies hold it; until then the entries stay in the
/// outbox. A lost connection or a refused record fails the batch, which is published again
/// whole: a record may then be in the log twice, which replicas apply harmlessly (by id).
/// </summary>
public sealed partial class ArticleLogPublisher(IOptions<ArticleLogOptions> options, ILogger<ArticleLogPublisher> logger)
    : IForwardingTarget, IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private readonly ArticleLogOptions _options = options.Value;
    private readonly IReadOnlyList<AmqpTcpEndpoint> _endpoints = ArticleLogConnection.Endpoints(options.Value);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <inheritdoc />
    public string Name => "article log";

    /// <inheritdoc />
    public async Task ForwardAsync(IReadOnlyList<OutboxEntry> latest, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.OperationTimeout);
        try
        {
            var channel = await ChannelAsync(deadline.Token);
            // Every publish completes with its own confirm. A window of MaxUnconfirmed is in
            // flight at once (the client's own limiter refuses, rather than waits, past its cap).
            foreach (var window in latest.Chunk(_options.MaxUnconfirmed))
            {
                await Task.WhenAll(window.Select(entry => channel.BasicPublishAsync(string.Empty, _options.Stream, mandatory: false,
                    Properties(entry), ToRecord(entry).ToByteArray(), deadline.Token).AsTask()));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The connection may be half-dead after any failure: the next batch starts a new one.
            await CloseAsync();
            throw new ForwardingUnavailableException($"The article log did not confirm the batch: {Describe(ex)}", ex);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(CloseAsync());

    /// <summary>The record an outbox entry becomes in the log.</summary>
    public static LogRecord ToRecord(OutboxEntry entry)
    {
        var record = new LogRecord { TraceParent = entry.TraceParent ?? string.Empty };
        if (entry.Operation == OutboxOperation.Delete)
        {
            record.DeleteId = entry.Id;
        }
        else
        {
            record.Upsert = Article.Parser.ParseFrom(entry.Payload);
        }

        return record;
    }

    // The outbox sequence as message id: a record published twice is recognisable in the log.
    private static BasicProperties Properties(OutboxEntry entry) => new()
    {
        MessageId = entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ContentType = "application/x-protobuf",
        Type = "search.v1.LogRecord",
        DeliveryMode = DeliveryModes.Persistent,
    };

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await CloseAsync();
        _connection = await ArticleLogConnection.ConnectAsync(_options, _endpoints, "seed-search-ingest", cancellationToken);
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null), cancellationToken);
        await ArticleLogConnection.DeclareAsync(_channel, _options, cancellationToken);
        LogConnected(_connection.Endpoint.ToString(), _options.Stream);
        return _channel;
    }

    private async Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        await ArticleLogConnection.CloseQuietlyAsync(channel, connection, CloseTimeout);
    }

    private static string Describe(Exception ex) => ex switch
    {
        BrokerUnreachableException => $"no broker of {ex.Message} answered",
        PublishException publish => $"the broker {(publish.IsReturn ? "returned" : "refused")} record {publish.PublishSequenceNumber}",
        OperationCanceledException => "timed out",
        _ => ex.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing to the article log through {Endpoint}, stream {Stream}")]
    private partial void LogConnected(string endpoint, string stream);
}
