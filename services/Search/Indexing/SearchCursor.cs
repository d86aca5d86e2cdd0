namespace SeedSearch.Search.Indexing;

/// <summary>
/// Where the next page starts: the index snapshot the previous page came from, the last hit
/// returned (score and internal doc number, as in search-after) and how many hits came before.
/// </summary>
public sealed record SearchCursor(long SearcherVersion, float Score, int DocId, int Offset);
