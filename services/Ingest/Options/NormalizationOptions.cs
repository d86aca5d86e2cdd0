using System.ComponentModel.DataAnnotations;
using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.Options;

/// <summary>Limits and defaults of article normalisation. Section <c>Normalization</c>.</summary>
public sealed class NormalizationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Normalization";

    /// <summary>
    /// Largest accepted raw body, in characters (UTF-16 code units, before HTML stripping).
    /// Default 2,000,000. A larger body is rejected on <c>article.body</c>.
    /// </summary>
    [Range(1, 50_000_000)]
    public int MaxBodyLength { get; set; } = 2_000_000;

    /// <summary>
    /// Longest accepted title, in characters after cleaning. Default 500. A longer title is
    /// rejected on <c>article.title</c>.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxTitleLength { get; set; } = 500;

    /// <summary>
    /// Longest title derived from the first sentence of the body when none is sent, in characters,
    /// including the closing "…" of a cut title. Default 120; never more than <see cref="MaxTitleLength"/>.
    /// </summary>
    [Range(10, 1_000)]
    public int DerivedTitleLength { get; set; } = 120;

    /// <summary>
    /// Most tags accepted on one article, counted after cleaning and removing empty and duplicate
    /// tags. Default 50. More are rejected on <c>article.tags</c>.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxTags { get; set; } = 50;

    /// <summary>
    /// Longest accepted tag, in characters after cleaning. Default 100. Each longer tag is rejected
    /// on <c>article.tags[i]</c>, i being its position in the request.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxTagLength { get; set; } = 100;

    /// <summary>
    /// Longest accepted URL, in characters as sent (trimmed). Default 2048. A longer URL is
    /// rejected on <c>article.url</c>.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>
    /// IANA time zone for dates without an offset ("20 de julho de 2021"). Default
    /// <c>America/Sao_Paulo</c>.
    /// </summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "America/Sao_Paulo";

    /// <summary>
    /// What to do with a body that is clearly not Portuguese: <see cref="LanguageCheckMode.Reject"/>
    /// it on <c>article.body</c> naming the language found (the default), <see cref="LanguageCheckMode.Flag"/>
    /// it in <c>NormalizedArticle.Warnings</c>, or turn the check <see cref="LanguageCheckMode.Off"/>.
    /// </summary>
    [EnumDataType(typeof(LanguageCheckMode))]
    public LanguageCheckMode LanguageCheck { get; set; } = LanguageCheckMode.Reject;

    /// <summary>
    /// Shortest cleaned body whose language is checked with <see cref="LanguageCheck"/>, in
    /// characters. Default 200: on a line or two (a headline, "Leia mais", a quote in English)
    /// detection misses about one foreign text in ten and flags a few Portuguese ones, too
    /// unreliable to reject on.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MinLanguageCheckLength { get; set; } = 200;

    /// <summary>
    /// Shortest cleaned body whose language is checked at all, in characters. Default 40. A body
    /// from this length up to <see cref="MinLanguageCheckLength"/> that is clearly not Portuguese
    /// is accepted with a warning (never rejected) unless <see cref="LanguageCheck"/> is
    /// <see cref="LanguageCheckMode.Off"/>; set it to <see cref="MinLanguageCheckLength"/> or more
    /// to leave short bodies unchecked.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MinLanguageWarningLength { get; set; } = 40;
}
