using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Benchmarks;

/// <summary>A corpus file read once, front to back, by concurrent callers: each article is handed out once.</summary>
internal sealed class ArticleFeed(string corpusPath) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IEnumerator<RawArticle> _articles = DatasetFiles.EnumerateCorpus(corpusPath).GetEnumerator();

    /// <summary>The next <paramref name="count"/> articles, fewer (or none) at the end of the file.</summary>
    public RawArticle[] Next(int count)
    {
        lock (_gate)
        {
            var batch = new List<RawArticle>(count);
            while (batch.Count < count && _articles.MoveNext())
            {
                batch.Add(_articles.Current);
            }

            return [.. batch];
        }
    }

    public void Dispose() => _articles.Dispose();
}
