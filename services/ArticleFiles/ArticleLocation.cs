namespace SeedSearch.ArticleFiles;

/// <summary>
/// Where an article came from: a file, and within it a 1-based line (JSON Lines) or a 0-based
/// position (JSON arrays). Neither is set for whole-file articles.
/// </summary>
public sealed record ArticleLocation(string File, int? Line = null, int? Position = null)
{
    /// <summary><c>file:line</c>, <c>file[position]</c> or <c>file</c>.</summary>
    public override string ToString() =>
        Line is { } line ? $"{File}:{line}" : Position is { } position ? $"{File}[{position}]" : File;
}
