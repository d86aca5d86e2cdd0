using Grpc.Core;
using Polly;
using Polly.Retry;
using SeedSearch.ArticleFiles;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Importer;

/// <summary>
/// Streams the articles of a list of files to ingest in chunks: each chunk is one
/// <c>IngestArticles</c> call, written while the files are read and kept until acknowledged, so
/// a transient failure replays only that chunk (ingest upserts by id, so a replay is harmless).
/// </summary>
public sealed class ChunkedImporter
{
    private readonly IChunkUploader? _uploader;
    private readonly ImportSettings _settings;
    private readonly IImportProgress _progress;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;

    /// <param name="uploader">Where chunks go; null for a dry run (read and count only).</param>
    /// <param name="settings">Chunk size, defaults, retries.</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="time">Clock for elapsed time and retry delays.</param>
    public ChunkedImporter(IChunkUploader? uploader, ImportSettings settings, IImportProgress progress, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ChunkSize, 1);
        _uploader = uploader;
        _settings = settings;
        _progress = progress;
        _time = time;
        _retry = settings.MaxRetryAttempts == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<RpcException>(ex => IsTransient(ex.StatusCode)),
                    MaxRetryAttempts = settings.MaxRetryAttempts,
                    Delay = settings.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .Build();
    }

    /// <summary>The status codes worth a retry: the service was down, slow or shedding load.</summary>
    public static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;

    /// <summary>
    /// Imports every article of <paramref name="files"/> in order. Throws
    /// <see cref="ImportFailedException"/> when a chunk cannot be delivered.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary(_settings.MaxProblemsShown) { DryRun = _uploader is null };
        var started = _time.GetTimestamp();
        var chunk = new PendingChunk();
        long written = 0, writtenBytes = 0;
        try
        {
            foreach (var file in files)
            {
                summary.AddFile();
                await foreach (var item in ArticleFileReader.ReadFileAsync(file, cancellationToken))
                {
                    if (item.Article is not { } record)
                    {
                        summary.AddMalformed(item.Location, item.Problem ?? "unreadable");
                        continue;
                    }

                    var article = ToProto(record);
                    var size = article.CalculateSize();
                    summary.AddRead(size);
                    if (_uploader is not null)
                    {
                        await chunk.AddAsync(article, item.Location, size, _uploader, cancellationToken);
                        if (chunk.Count == _settings.ChunkSize)
                        {
                            await SendAsync(chunk, summary, cancellationToken);
                            chunk = new PendingChunk();
                        }
                    }

                    _progress.Report(++written, writtenBytes += size, _time.GetElapsedTime(started));
                }
            }

            if (chunk.Count > 0)
            {
                await SendAsync(chunk, summary, cancellationToken);
            }
        }
        finally
        {
            chunk.Dispose();
            summary.Elapsed = _time.GetElapsedTime(started);
        }

        return summary;
    }

    private async Task SendAsync(PendingChunk chunk, ImportSummary summary, CancellationToken cancellationToken)
    {
        var attempt = 0;
        IngestArticlesResponse response;
        try
        {
            response = await _retry.ExecuteAsync(async token =>
            {
                // The first attempt is the call the chunk was streamed on; retries replay the buffer.
                return ++attempt == 1 ? await chunk.CompleteAsync() : await chunk.ReplayAsync(_uploader!, token);
            }, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            var what = IsTransient(ex.StatusCode) ? $"unreachable after {attempt} attempts" : "refused the import";
            throw new ImportFailedException(
                $"Ingest {what} ({ex.StatusCode}: {ex.Status.Detail}). {summary.Sent:N0} articles were imported before; " +
                $"chunk {summary.Chunks + 1} ({chunk.Count:N0} articles from {chunk.Locations[0]}) was not.",
                summary, ex);
        }

        summary.AddChunk(response, chunk.Locations, chunk.Bytes);
    }

    private RawArticle ToProto(ArticleRecord record)
    {
        var article = new RawArticle
        {
            Id = record.Id,
            Title = record.Title,
            Body = record.Body,
            Url = record.Url,
            Source = record.Source.Length > 0 ? record.Source : _settings.DefaultSource,
            PublishedAt = record.PublishedAt,
            ContentType = _settings.ContentTypeOverride.Length > 0 ? _settings.ContentTypeOverride : record.ContentType,
        };
        article.Tags.AddRange(record.Tags);
        return article;
    }

    /// <summary>The articles of one chunk, kept until acknowledged, and the call they are streamed on.</summary>
    private sealed class PendingChunk : IDisposable
    {
        private readonly List<RawArticle> _articles = [];
        private readonly List<ArticleLocation> _locations = [];
        private IChunkCall? _call;
        private RpcException? _failure;

        public int Count => _articles.Count;

        public long Bytes { get; private set; }

        public IReadOnlyList<ArticleLocation> Locations => _locations;

        public async Task AddAsync(RawArticle article, ArticleLocation location, long size, IChunkUploader uploader, CancellationToken cancellationToken)
        {
            _articles.Add(article);
            _locations.Add(location);
            Bytes += size;
            if (_failure is not null)
            {
                // The call already failed: keep buffering; the retry replays everything.
                return;
            }

            try
            {
                _call ??= uploader.Open(cancellationToken);
                await _call.WriteAsync(article);
            }
            catch (RpcException ex)
            {
                _failure = ex;
            }
        }

        public Task<IngestArticlesResponse> CompleteAsync() =>
            _failure is not null ? Task.FromException<IngestArticlesResponse>(_failure) : _call!.CompleteAsync();

        public async Task<IngestArticlesResponse> ReplayAsync(IChunkUploader uploader, CancellationToken cancellationToken)
        {
            _call?.Dispose();
            _call = uploader.Open(cancellationToken);
            foreach (var article in _articles)
            {
                await _call.WriteAsync(article);
            }

            return await _call.CompleteAsync();
        }

        public void Dispose() => _call?.Dispose();
    }
}
