
namespace SeedSearch.EndToEnd.Tests;

/// <summary>The search service as a real child process (see <see cref="ChildService"/>).</summary>
internal static class SearchProcess
{
    /// <summary>
    /// Starts search over <paramref name="indexPath"/> on a free loopback port; its IndexService
    /// takes <see cref="TestSystem.IndexKey"/>. <paramref name="settings"/> add or override keys.
    /// </summary>
    public static ServiceProcess Start(string indexPath, string logPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Index:Path"] = indexPath,
            ["Auth:ApiKeys:ingest:Key"] = TestSystem.IndexKey,
            ["Auth:ApiKeys:ingest:Scopes"] = "write",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return ChildService.Start("Search", all, logPath);
    }
}
