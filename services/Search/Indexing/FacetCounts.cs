namespace SeedSearch.Search.Indexing;

/// <summary>Hit counts per value of one field, most hits first.</summary>
public sealed record FacetCounts(string Field, IReadOnlyList<KeyValuePair<string, long>> Values);
