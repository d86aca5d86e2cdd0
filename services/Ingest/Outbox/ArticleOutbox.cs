using Microsoft.Data.Sqlite;
using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.Outbox;

/// <summary>
/// The durable queue between accepting an article and indexing it, in one SQLite database
/// (WAL journal, <c>synchronous=FULL</c>: every commit is fsynced before it returns).
/// <list type="bullet">
/// <item><c>outbox</c>: pending upserts and deletes in acceptance order. Entries leave only
/// when search has acknowledged their durable commit.</item>
/// <item><c>ledger</c>: the content hash last accepted per id, which decides
/// created / updated / unchanged without asking search, so ingest keeps answering while
/// search is down.</item>
/// <item><c>dead_letters</c>: entries search refused as invalid, kept for inspection instead of
/// blocking the queue.</item>
/// </list>
/// One connection serves every call under a lock: SQLite serialises writers anyway.
/// </summary>
public sealed class ArticleOutbox : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL,
            op INTEGER NOT NULL,
            payload BLOB NOT NULL,
            enqueued_at INTEGER NOT NULL,
            trace_parent TEXT);
        CREATE TABLE IF NOT EXISTS ledger (id TEXT PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dead_letters (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            op INTEGER NOT NULL,
            payload BLOB NOT NULL,
            error TEXT NOT NULL,
            failed_at INTEGER NOT NULL);
        """;

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly long _maxDepth;
    private long _depth;
    private long _head;
    private long _lastSequence;
    private long _deadLetters;

    /// <summary>Opens (or creates) the outbox database at <paramref name="path"/>.</summary>
    public ArticleOutbox(string path, long maxDepth, TimeProvider time)
    {
        _maxDepth = maxDepth;
        _time = time;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        Path = path;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute(Schema);
        // Outboxes written before trace propagation lack the column; their entries forward without it.
        if (Scalar("SELECT COUNT(*) FROM pragma_table_info('outbox') WHERE name = 'trace_parent'") == 0)
        {
            Execute("ALTER TABLE outbox ADD COLUMN trace_parent TEXT");
        }
        _depth = Scalar("SELECT COUNT(*) FROM outbox");
        _head = Scalar("SELECT COALESCE(MIN(seq), 0) FROM outbox");
        _lastSequence = Scalar("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)");
        _deadLetters = Scalar("SELECT COUNT(*) FROM dead_letters");
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Operations waiting to be forwarded.</summary>
    public long Depth
    {
        get
        {
            lock (_lock)
            {
                return _depth;
            }
        }
    }

    /// <summary>The capacity: beyond it <see cref="Enqueue"/> throws <see cref="OutboxFullException"/>.</summary>
    public long MaxDepth => _maxDepth;

    /// <summary>Entries search refused as invalid.</summary>
    public long DeadLetters
    {
        get
        {
            lock (_lock)
            {
                return _deadLetters;
            }
        }
    }

    /// <summary>The newest sequence number handed out.</summary>
    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _lastSequence;
            }
        }
    }

    /// <summary>When the oldest waiting entry was accepted; null when nothing waits.</summary>
    public DateTimeOffset? OldestPending
    {
        get
        {
            lock (_lock)
            {
                // The oldest entry is the head: the primary key finds it without a scan.
                var ms = Scalar("SELECT COALESCE((SELECT enqueued_at FROM outbox ORDER BY seq LIMIT 1), -1)");
                return ms < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }
    }

    /// <summary>
    /// Stores a batch of upserts in one durable transaction and decides each status from the
    /// ledger. Duplicates (same id and content hash) are not queued. All or nothing: throws
    /// <see cref="OutboxFullException"/> and stores nothing when the batch does not fit.
    /// </summary>
    public IReadOnlyList<Acceptance> Enqueue(IReadOnlyList<OutboxArticle> articles)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var lookup = Command("SELECT hash FROM ledger WHERE id = $id", transaction, "$id");
            using var remember = Command("INSERT INTO ledger (id, hash) VALUES ($id, $hash) ON CONFLICT (id) DO UPDATE SET hash = excluded.hash",
                transaction, "$id", "$hash");
            using var insert = Command("INSERT INTO outbox (id, op, payload, enqueued_at, trace_parent) VALUES ($id, $op, $payload, $at, $trace) RETURNING seq",
                transaction, "$id", "$op", "$payload", "$at", "$trace");
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var results = new Acceptance[articles.Count];
            var added = 0;
            var last = _lastSequence;
            for (var i = 0; i < articles.Count; i++)
            {
                var article = articles[i];
                lookup.Parameters["$id"].Value = article.Id;
                var known = lookup.ExecuteScalar() as string;
                if (known == article.ContentHash)
                {
                    results[i] = new Acceptance(PublishStatus.Unchanged, -1);
                    continue;
                }

                if (_depth + added >= _maxDepth)
                {
                    transaction.Rollback();
                    throw new OutboxFullException(_depth, _maxDepth);
                }

                remember.Parameters["$id"].Value = article.Id;
                remember.Parameters["$hash"].Value = article.ContentHash;
                remember.ExecuteNonQuery();
                insert.Parameters["$id"].Value = article.Id;
                insert.Parameters["$op"].Value = (int)OutboxOperation.Upsert;
                insert.Parameters["$payload"].Value = article.Payload;
                insert.Parameters["$at"].Value = now;
                insert.Parameters["$trace"].Value = (object?)article.TraceParent ?? DBNull.Value;
                last = (long)insert.ExecuteScalar()!;
                added++;
                results[i] = new Acceptance(known is null ? PublishStatus.Created : PublishStatus.Updated, last);
            }

            transaction.Commit();
            Added(added, last);
            // A duplicate is searchable once everything queued before it is.
            for (var i = 0; i < results.Length; i++)
            {
                if (results[i].Sequence < 0)
                {
                    results[i] = results[i] with { Sequence = _lastSequence };
                }
            }

            return results;
        }
    }

    /// <summary>
    /// Queues the removal of <paramref name="id"/>. Returns whether ingest had accepted the
    /// article, and the entry's sequence number.
    /// </summary>
    public (bool Known, long Sequence) EnqueueDelete(string id)
    {
        lock (_lock)
        {
            if (_depth >= _maxDepth)
            {
                throw new OutboxFullException(_depth, _maxDepth);
            }

            using var transaction = _connection.BeginTransaction();
            using var forget = Command("DELETE FROM ledger WHERE id = $id", transaction, "$id");
            forget.Parameters["$id"].Value = id;
            var known = forget.ExecuteNonQuery() > 0;
            using var insert = Command("INSERT INTO outbox (id, op, payload, enqueued_at) VALUES ($id, $op, X'', $at) RETURNING seq",
                transaction, "$id", "$op", "$at");
            insert.Parameters["$id"].Value = id;
            insert.Parameters["$op"].Value = (int)OutboxOperation.Delete;
            insert.Parameters["$at"].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var sequence = (long)insert.ExecuteScalar()!;
            transaction.Commit();
            Added(1, sequence);
            return (known, sequence);
        }
    }

    /// <summary>The oldest waiting entries, at most <paramref name="max"/>, in acceptance order.</summary>
    public IReadOnlyList<OutboxEntry> Peek(int max)
    {
        lock (_lock)
        {
            using var select = Command("SELECT seq, id, op, payload, trace_parent FROM outbox ORDER BY seq LIMIT $max", null, "$max");
            select.Parameters["$max"].Value = max;
            using var reader = select.ExecuteReader();
            var entries = new List<OutboxEntry>();
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), (OutboxOperation)reader.GetInt32(2), (byte[])reader[3],
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return entries;
        }
    }

    /// <summary>Removes every entry up to <paramref name="sequence"/>: search has committed them.</summary>
    public void Acknowledge(long sequence)
    {
        lock (_lock)
        {
            using var delete = Command("DELETE FROM outbox WHERE seq <= $seq", null, "$seq");
            delete.Parameters["$seq"].Value = sequence;
            _depth -= delete.ExecuteNonQuery();
            _head = Scalar("SELECT COALESCE(MIN(seq), 0) FROM outbox");
        }
    }

    /// <summary>
    /// Moves an entry that search refused as invalid to the dead letters, so the queue moves on,
    /// and forgets its content hash so a corrected re-send is not taken for a duplicate.
    /// </summary>
    public void DeadLetter(OutboxEntry entry, string error)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var move = Command("""
                INSERT OR REPLACE INTO dead_letters (seq, id, op, payload, error, failed_at)
                SELECT seq, id, op, payload, $error, $at FROM outbox WHERE seq = $seq
                """, transaction, "$seq", "$error", "$at");
            move.Parameters["$seq"].Value = entry.Sequence;
            move.Parameters["$error"].Value = error;
            move.Parameters["$at"].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var moved = move.ExecuteNonQuery();
            using var forget = Command("DELETE FROM ledger WHERE id = $id", transaction, "$id");
            forget.Parameters["$id"].Value = entry.Id;
            forget.ExecuteNonQuery();
            using var delete = Command("DELETE FROM outbox WHERE seq = $seq", transaction, "$seq");
            delete.Parameters["$seq"].Value = entry.Sequence;
            var deleted = delete.ExecuteNonQuery();
            transaction.Commit();
            _deadLetters += moved;
            _depth -= deleted;
            _head = Scalar("SELECT COALESCE(MIN(seq), 0) FROM outbox");
        }
    }

    /// <summary>Whether everything up to <paramref name="sequence"/> has left the outbox.</summary>
    public bool IsForwarded(long sequence)
    {
        lock (_lock)
        {
            return _depth == 0 || sequence < _head;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    private void Added(int count, long last)
    {
        if (count == 0)
        {
            return;
        }

        if (_depth == 0)
        {
            _head = Scalar("SELECT COALESCE(MIN(seq), 0) FROM outbox");
        }

        _depth += count;
        _lastSequence = last;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql, null);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = Command(sql, null);
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
