using Lingua;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Tells whether a text is clearly written in a language other than Portuguese, using Lingua
/// (SearchPioneer.Lingua, a maintained port of the Lingua n-gram detector) restricted to the
/// languages a Portuguese newsroom feed is likely to be confused with.
/// </summary>
/// <remarks>
/// Low-accuracy mode (trigram models only) loads in under a second and uses tens of megabytes,
/// where high-accuracy mode took seconds and about 400 MB for the same six languages; Lingua
/// documents it as equally accurate above 120 characters, and shorter texts are not checked.
/// </remarks>
public sealed class LanguageIdentifier
{
    /// <summary>
    /// Characters of a long body that are looked at: a few sentences decide the language, and
    /// scoring cost grows with the length (4,000 characters cost about 3 ms an article).
    /// </summary>
    public const int SampleLength = 600;

    /// <summary>
    /// Share of the confidence another language needs before the text counts as "clearly" not
    /// Portuguese; below it, as in Portuguese prose full of English names, the text passes.
    /// </summary>
    public const double Threshold = 0.8;

    private static readonly Lazy<LanguageDetector> Detector = new(() => LanguageDetectorBuilder
        .FromLanguages(Language.Portuguese, Language.Spanish, Language.English, Language.French, Language.German, Language.Italian)
        .WithLowAccuracyMode()
        .WithPreloadedLanguageModels()
        .Build());

    /// <summary>
    /// The English name of the language <paramref name="text"/> is clearly written in when that is
    /// not Portuguese ("English", "Spanish"); null when it is Portuguese or undecided.
    /// </summary>
    public string? DetectNonPortuguese(string text)
    {
        var sample = text.Length <= SampleLength ? text : text[..SampleLength];
        var (language, confidence) = Detector.Value.ComputeLanguageConfidenceValues(sample)
            .OrderByDescending(pair => pair.Value)
            .Select(pair => (pair.Key, pair.Value))
            .FirstOrDefault();
        return language is Language.Portuguese || confidence < Threshold ? null : language.ToString();
    }
}
