
namespace SeedSearch.EndToEnd.Tests;

/// <summary>The ingest service as a real child process (see <see cref="ChildService"/>).</summary>
internal static class IngestProcess
{
    /// <summary>Starts ingest on a free loopback port with <paramref name="settings"/> (<c>Section:Key</c> names).</summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var all = new Dictionary<string, string>(settings);
        all.TryAdd("Search:ApiKey", TestSystem.IndexKey);
        all.TryAdd("Auth:AllowAnonymousWrites", "true");
        return ChildService.Start("Ingest", all, logPath);
    }
}
