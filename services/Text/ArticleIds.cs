using System.Text.RegularExpressions;

namespace SeedSearch.Text;

/// <summary>
/// The one rule for article ids, checked by ingest (client ids, deletes) and by search (indexing,
/// deletes, lookups): 1 to <see cref="MaxLength"/> characters of ASCII letters, digits, '.', '_',
/// ':' or '-', starting with a letter or digit. Ids ingest derives (16 hex digits) follow it too.
/// </summary>
public static partial class ArticleIds
{
    /// <summary>Longest accepted id, in characters.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for field violations.</summary>
    public const string Rule =
        "must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    /// <summary>True when <paramref name="id"/> follows the rule.</summary>
    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(id);

    /// <summary>
    /// Why <paramref name="id"/> (already trimmed) is not a valid id, or null when it is. An empty id is
    /// reported as required.
    /// </summary>
    public static string? Problem(string? id) => id switch
    {
        null or "" => "is required",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters (got {id.Length})",
        _ when !Pattern().IsMatch(id) => Rule,
        _ => null,
    };

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
