namespace SeedSearch.Ingest.Normalization;

/// <summary>What normalisation does with a body that is clearly not Portuguese.</summary>
public enum LanguageCheckMode
{
    /// <summary>Reject the article with a field violation on <c>article.body</c> (the default).</summary>
    Reject,

    /// <summary>Keep the article and record the finding in <see cref="NormalizedArticle.Warnings"/>.</summary>
    Flag,

    /// <summary>Do not check the language.</summary>
    Off,
}
