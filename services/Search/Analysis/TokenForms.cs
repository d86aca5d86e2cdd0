namespace SeedSearch.Search.Analysis;

/// <summary>
/// What each field's chain makes of one lower-cased token (after synonyms); null where the chain
/// drops it (a stopword in the stemmed and root fields, a completion key out of length).
/// </summary>
internal sealed record TokenForms(string Exact, string? Stemmed, string? Root, string? Suggest);
