using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Ingest.Options;

/// <summary>Limits and defaults of article normalisation. Section <c>Normalization</c>.</summary>
public sealed class NormalizationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Normalization";

    /// <summary>Largest accepted raw body, in characters (before HTML stripping). Default 2,000,000.</summary>
    [Range(1, 50_000_000)]
    public int MaxBodyLength { get; set; } = 2_000_000;

    /// <summary>Longest accepted title, in characters. Default 500.</summary>
    [Range(1, 10_000)]
    public int MaxTitleLength { get; set; } = 500;

    /// <summary>Longest title derived from the first sentence, in characters. Default 120.</summary>
    [Range(10, 1_000)]
    public int DerivedTitleLength { get; set; } = 120;

    /// <summary>Most tags accepted on one article. Default 50.</summary>
    [Range(0, 10_000)]
    public int MaxTags { get; set; } = 50;

    /// <summary>Longest accepted tag, in characters. Default 100.</summary>
    [Range(1, 1_000)]
    public int MaxTagLength { get; set; } = 100;

    /// <summary>Longest accepted URL, in characters. Default 2048.</summary>
    [Range(1, 100_000)]
    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>
    /// IANA time zone for dates without an offset ("20 de julho de 2021"). Default
    /// <c>America/Sao_Paulo</c>.
    /// </summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "America/Sao_Paulo";
}
