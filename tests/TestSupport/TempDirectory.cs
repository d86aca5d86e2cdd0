namespace SeedSearch.TestSupport;

/// <summary>
/// A new, empty folder of its own under the system temp folder, deleted with everything in it
/// on dispose. The one way tests and tools make a scratch folder, so none is left behind.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    // A service or child process may still be removing its own files while the folder goes.
    private const int DeleteAttempts = 3;

    /// <summary>Creates the folder, named <c>seed-search-</c> plus a unique suffix.</summary>
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("seed-search-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="parts"/> inside the folder (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// Deletes the folder and its contents. A folder or file that is already gone is fine; a
    /// leftover that cannot be deleted is not a test failure, so it is left after a few attempts.
    /// </summary>
    public void Dispose()
    {
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && attempt < DeleteAttempts)
            {
                // An entry vanished or appeared during the walk: walk again.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
