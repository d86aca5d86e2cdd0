using RabbitMQ.Client;

namespace SeedSearch.ServiceDefaults.ArticleLog;

/// <summary>
/// Connects to the broker cluster and declares the article stream, the same way on both sides,
/// so ingest and replicas never declare it with different arguments.
/// </summary>
public static class ArticleLogConnection
{
    /// <summary>Header of every delivery from a stream: the record's offset (a long).</summary>
    public const string OffsetHeader = "x-stream-offset";

    /// <summary>The endpoints of <see cref="ArticleLogOptions.Endpoints"/>, in order.</summary>
    public static IReadOnlyList<AmqpTcpEndpoint> Endpoints(ArticleLogOptions options) =>
        options.Endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.Split(':'))
            .Select(p => new AmqpTcpEndpoint(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>
    /// Opens a connection to the first node of <paramref name="endpoints"/> that answers. Recovery
    /// is off: the caller reconnects and resumes from its own durable position (outbox, commit).
    /// </summary>
    public static Task<IConnection> ConnectAsync(ArticleLogOptions options, IReadOnlyList<AmqpTcpEndpoint> endpoints, string clientName,
        CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            UserName = options.UserName,
            Password = options.Password,
            VirtualHost = options.VirtualHost,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = options.OperationTimeout,
            ContinuationTimeout = options.OperationTimeout,
            // A peer that vanished without closing its socket is noticed after two missed beats.
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
            ClientProvidedName = clientName,
        };
        return factory.CreateConnectionAsync(endpoints, clientName, cancellationToken);
    }

    /// <summary>Declares the stream (idempotent with the same arguments) and returns its record count as the broker last counted it.</summary>
    public static async Task<long> DeclareAsync(IChannel channel, ArticleLogOptions options, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["x-queue-type"] = "stream",
            ["x-initial-cluster-size"] = options.InitialClusterSize,
        };
        var ok = await channel.QueueDeclareAsync(options.Stream, durable: true, exclusive: false, autoDelete: false, arguments,
            cancellationToken: cancellationToken);
        return ok.MessageCount;
    }

    /// <summary>
    /// Drops <paramref name="channel"/> and <paramref name="connection"/> after a failure, giving
    /// each at most <paramref name="timeout"/>: closing a connection whose peer vanished must not
    /// hold up the reconnect. Errors are swallowed; the objects are unusable either way.
    /// </summary>
    public static async Task CloseQuietlyAsync(IChannel? channel, IConnection? connection, TimeSpan timeout)
    {
        if (connection is not null)
        {
            await Quietly(connection.AbortAsync(), timeout);
        }

        foreach (var disposable in new IAsyncDisposable?[] { channel, connection })
        {
            if (disposable is not null)
            {
                await Quietly(disposable.DisposeAsync().AsTask(), timeout);
            }
        }
    }

    private static async Task Quietly(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or ObjectDisposedException or OperationCanceledException
            or RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // Gone with the broker; a task still running finishes in the background.
        }
    }
}
