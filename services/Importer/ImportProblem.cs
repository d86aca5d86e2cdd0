using SeedSearch.ArticleFiles;

namespace SeedSearch.Importer;

/// <summary>An item that was not imported: where it came from, its id if known, and why.</summary>
public sealed record ImportProblem(ArticleLocation Location, string Id, string Reason);
