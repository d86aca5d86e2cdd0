namespace SeedSearch.Search.Querying;

/// <summary>One search-box completion and how many articles back it.</summary>
public sealed record Completion(string Text, long DocumentCount);
