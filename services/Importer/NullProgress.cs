namespace SeedSearch.Importer;

/// <summary>No progress output (<c>--quiet</c>).</summary>
public sealed class NullProgress : IImportProgress
{
    /// <inheritdoc />
    public void Report(long articles, long bytes, TimeSpan elapsed)
    {
    }
}
