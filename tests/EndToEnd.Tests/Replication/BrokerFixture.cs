using Google.Protobuf;
using RabbitMQ.Client;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.ServiceDefaults.ArticleLog;

namespace SeedSearch.EndToEnd.Tests.Replication;

/// <summary>
/// One real RabbitMQ node on loopback ports for the replication tests; each test uses a stream
/// of its own. Where the broker is not installed, <see cref="Missing"/> says so and the tests skip.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();

    /// <summary>The running node, or null when <see cref="Missing"/> is set.</summary>
    public RabbitMqNode? Node { get; private set; }

    /// <summary>Why there is no broker, or null.</summary>
    public string? Missing { get; } = RabbitMqNode.Missing;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Missing is null)
        {
            Node = await RabbitMqNode.StartSingleAsync(_folder.Combine("rabbitmq"), TimeSpan.FromMinutes(2), CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>Settings that make a service use the article log <paramref name="stream"/> on this node.</summary>
    public Dictionary<string, string> LogSettings(string stream) => new()
    {
        ["ArticleLog:Enabled"] = "true",
        ["ArticleLog:Endpoints"] = Node!.Endpoint,
        ["ArticleLog:Stream"] = stream,
        ["ArticleLog:InitialClusterSize"] = "1",
        ["ArticleLog:ReconnectDelay"] = "00:00:00.100",
    };

    /// <summary>Appends raw bodies to <paramref name="stream"/> with confirms, as ingest would (declaring it first).</summary>
    public Task PublishAsync(string stream, IEnumerable<byte[]> bodies) => PublishAsync(Node!, stream, bodies);

    /// <summary>Appends raw bodies to <paramref name="stream"/> on <paramref name="node"/>.</summary>
    public async Task PublishAsync(RabbitMqNode node, string stream, IEnumerable<byte[]> bodies)
    {
        var options = new ArticleLogOptions { Endpoints = node.Endpoint, Stream = stream, InitialClusterSize = 1 };
        await using var connection = await ArticleLogConnection.ConnectAsync(options, ArticleLogConnection.Endpoints(options), "test", CancellationToken.None);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await ArticleLogConnection.DeclareAsync(channel, options, CancellationToken.None);
        await Task.WhenAll(bodies.Select(body => channel.BasicPublishAsync(string.Empty, stream, body).AsTask()));
    }

    /// <summary>An upsert record.</summary>
    public static byte[] Upsert(string id, string body) =>
        new LogRecord { Upsert = new Article { Id = id, Title = $"Notícia {id}", Body = body, ContentHash = $"{id}:{body.GetHashCode(StringComparison.Ordinal)}" } }.ToByteArray();

    /// <summary>A delete record.</summary>
    public static byte[] Delete(string id) => new LogRecord { DeleteId = id }.ToByteArray();
}
