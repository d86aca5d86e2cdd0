namespace SeedSearch.Importer;

/// <summary>What the command line asked for: the paths, where to send them and how to report.</summary>
public sealed record ImportRequest(
    IReadOnlyList<string> Paths,
    Uri Address,
    ImportSettings Settings,
    bool DryRun,
    string? ApiKey,
    bool Quiet,
    bool WaitForIndexed = false);
