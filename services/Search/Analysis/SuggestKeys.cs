using SeedSearch.Text;

namespace SeedSearch.Search.Analysis;

/// <summary>
/// Completion terms pair the folded form (matched against what the user typed, ignoring case
/// and accents) with the surface form shown back: "ciberespaco\u0001ciberespaço".
/// </summary>
public static class SuggestKeys
{
    /// <summary>Separates the folded key from the surface form.</summary>
    public const char Separator = '\u0001';

    /// <summary>The completion term for <paramref name="surface"/>.</summary>
    public static string Key(string surface) => TextFolding.Fold(surface) + Separator + surface;

    /// <summary>The folded form of a completion term (what typed prefixes are matched against).</summary>
    public static string Folded(string key)
    {
        var at = key.IndexOf(Separator);
        return at < 0 ? key : key[..at];
    }

    /// <summary>The surface form of a completion term.</summary>
    public static string Surface(string key)
    {
        var at = key.IndexOf(Separator);
        return at < 0 ? key : key[(at + 1)..];
    }
}
