namespace SeedSearch.Importer;

/// <summary>Receives progress while articles are streamed; a progress bar, periodic lines or nothing.</summary>
public interface IImportProgress
{
    /// <summary>Called after each article is sent (or, in a dry run, read).</summary>
    /// <param name="articles">Articles sent so far.</param>
    /// <param name="bytes">Serialized article bytes sent so far.</param>
    /// <param name="elapsed">Time since the import started.</param>
    void Report(long articles, long bytes, TimeSpan elapsed);
}
