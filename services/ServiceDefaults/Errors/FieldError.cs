namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>One invalid field of a request: its path (such as <c>article.body</c>) and why.</summary>
public sealed record FieldError(string Field, string Description);
