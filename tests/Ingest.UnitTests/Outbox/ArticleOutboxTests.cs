using System.Text;
using SeedSearch.Ingest.Outbox;
using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.UnitTests.Outbox;

public sealed class ArticleOutboxTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string DbPath => _folder.Combine("ingest.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Enqueue_NewChangedAndSameContent_AreCreatedUpdatedUnchanged()
    {
        using var outbox = Open();

        var first = outbox.Enqueue([Item("a", "h1"), Item("b", "h1")]);
        var second = outbox.Enqueue([Item("a", "h1"), Item("b", "h2")]);

        Assert.Equal([PublishStatus.Created, PublishStatus.Created], first.Select(r => r.Status));
        Assert.Equal([PublishStatus.Unchanged, PublishStatus.Updated], second.Select(r => r.Status));
        // Duplicates queue nothing.
        Assert.Equal(3, outbox.Depth);
    }

    [Fact]
    public void Enqueue_SameIdTwiceInOneBatch_SecondIsUnchanged()
    {
        using var outbox = Open();
        var result = outbox.Enqueue([Item("a", "h1"), Item("a", "h1")]);
        Assert.Equal([PublishStatus.Created, PublishStatus.Unchanged], result.Select(r => r.Status));
        Assert.Equal(1, outbox.Depth);
    }

    [Fact]
    public void Peek_ReturnsEntriesInAcceptanceOrderWithTheirPayloads()
    {
        using var outbox = Open();
        outbox.Enqueue([Item("c", "h"), Item("a", "h"), Item("b", "h")]);
        outbox.EnqueueDelete("c");

        var entries = outbox.Peek(10);

        Assert.Equal(["c", "a", "b", "c"], entries.Select(e => e.Id));
        Assert.Equal([OutboxOperation.Upsert, OutboxOperation.Upsert, OutboxOperation.Upsert, OutboxOperation.Delete], entries.Select(e => e.Operation));
        Assert.Equal("payload of a", Encoding.UTF8.GetString(entries[1].Payload));
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(2, outbox.Peek(2).Count);
    }

    [Fact]
    public void Acknowledge_RemovesEntriesUpToTheSequenceOnly()
    {
        using var outbox = Open();
        var accepted = outbox.Enqueue([Item("a", "h"), Item("b", "h"), Item("c", "h")]);

        outbox.Acknowledge(accepted[1].Sequence);

        Assert.Equal(["c"], outbox.Peek(10).Select(e => e.Id));
        Assert.Equal(1, outbox.Depth);
        Assert.True(outbox.IsForwarded(accepted[1].Sequence));
        Assert.False(outbox.IsForwarded(accepted[2].Sequence));
    }

    [Fact]
    public void Reopen_KeepsPendingEntriesLedgerAndSequence()
    {
        long last;
        using (var outbox = Open())
        {
            var accepted = outbox.Enqueue([Item("a", "h1"), Item("b", "h1")]);
            outbox.Acknowledge(accepted[0].Sequence);
            last = outbox.LastSequence;
        }

        using var reopened = Open();
        Assert.Equal(["b"], reopened.Peek(10).Select(e => e.Id));
        Assert.Equal(1, reopened.Depth);
        Assert.Equal(PublishStatus.Unchanged, reopened.Enqueue([Item("a", "h1")])[0].Status);
        var next = reopened.Enqueue([Item("c", "h1")])[0];
        Assert.True(next.Sequence > last);
    }

    [Fact]
    public void Enqueue_BeyondMaxDepth_ThrowsAndStoresNothingOfTheBatch()
    {
        using var outbox = Open(maxDepth: 3);
        outbox.Enqueue([Item("a", "h"), Item("b", "h")]);

        var ex = Assert.Throws<OutboxFullException>(() => outbox.Enqueue([Item("c", "h"), Item("d", "h")]));

        Assert.Equal(2, ex.Depth);
        Assert.Equal(["a", "b"], outbox.Peek(10).Select(e => e.Id));
        // The refused articles are not in the ledger: sent again later, they are new.
        outbox.Acknowledge(outbox.LastSequence);
        Assert.All(outbox.Enqueue([Item("c", "h"), Item("d", "h")]), r => Assert.Equal(PublishStatus.Created, r.Status));
    }

    [Fact]
    public void EnqueueDelete_ForgetsTheContentHashSoAReSendIsCreated()
    {
        using var outbox = Open();
        outbox.Enqueue([Item("a", "h")]);

        var (known, _) = outbox.EnqueueDelete("a");
        var (unknown, _) = outbox.EnqueueDelete("zz");

        Assert.True(known);
        Assert.False(unknown);
        Assert.Equal(PublishStatus.Created, outbox.Enqueue([Item("a", "h")])[0].Status);
    }

    [Fact]
    public void DeadLetter_MovesTheEntryAsideAndForgetsItsHash()
    {
        using var outbox = Open();
        outbox.Enqueue([Item("a", "h"), Item("b", "h")]);
        var bad = outbox.Peek(1)[0];

        outbox.DeadLetter(bad, "InvalidArgument: body too long");

        Assert.Equal(["b"], outbox.Peek(10).Select(e => e.Id));
        Assert.Equal(1, outbox.DeadLetters);
        Assert.Equal(PublishStatus.Created, outbox.Enqueue([Item("a", "h")])[0].Status);
    }

    [Fact]
    public void Unchanged_IsForwardedOnlyAfterEverythingQueuedBeforeIt()
    {
        using var outbox = Open();
        var first = outbox.Enqueue([Item("a", "h")])[0];
        var duplicate = outbox.Enqueue([Item("a", "h")])[0];

        Assert.Equal(PublishStatus.Unchanged, duplicate.Status);
        Assert.False(outbox.IsForwarded(duplicate.Sequence));
        outbox.Acknowledge(first.Sequence);
        Assert.True(outbox.IsForwarded(duplicate.Sequence));
    }

    [Fact]
    public void OldestPending_IsTheHeadsAcceptanceTimeAndNullWhenEmpty()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T10:00:00Z"));
        using var outbox = new ArticleOutbox(DbPath, 1000, time);
        Assert.Null(outbox.OldestPending);

        var first = outbox.Enqueue([Item("a", "h")])[0];
        time.Advance(TimeSpan.FromMinutes(5));
        outbox.Enqueue([Item("b", "h")]);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T10:00:00Z"), outbox.OldestPending);

        outbox.Acknowledge(first.Sequence);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T10:05:00Z"), outbox.OldestPending);
        outbox.Acknowledge(outbox.LastSequence);
        Assert.Null(outbox.OldestPending);
    }

    private ArticleOutbox Open(long maxDepth = 1000) => new(DbPath, maxDepth, TimeProvider.System);

    private static OutboxArticle Item(string id, string hash) => new(id, hash, Encoding.UTF8.GetBytes($"payload of {id}"));
}
