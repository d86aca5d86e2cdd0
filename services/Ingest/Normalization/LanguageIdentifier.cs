using Lingua;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Tells whether a text is clearly written in a language other than Portuguese, using Lingua
/// (SearchPioneer.Lingua, a maintained port of the Lingua n-gram detector) restricted to the
/// languages a Portuguese newsroom feed is likely to be confused with.
/// </summary>
/// <remarks>
/// Long texts use low-accuracy mode (trigram models only): it loads in under a second and uses
/// tens of megabytes, where high-accuracy mode took 2 s and about 400 MB for the same six
/// languages; Lingua documents it as equally accurate above 120 characters. Short texts
/// (<see cref="DetectNonPortugueseInShortText"/>) need high-accuracy mode, which is loaded on the
/// first short text only: on 40–200-character passages low-accuracy mode took 1.1% of gov.br
/// titles and 5.2% of Portuguese questions for another language, high-accuracy mode none of
/// 3,648 native ones.
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

    /// <summary>
    /// <see cref="Threshold"/> for short texts. Measured on 40–200-character passages at 0.8: no
    /// false finding on 1,067 gov.br titles, 1,052 first sentences, 729 FaQuAD questions and 600
    /// Portuguese software messages full of English names, 1 on 800 machine-translated SQuAD
    /// questions; 72% of English and Spanish software messages and 90% of English API summaries
    /// found. At 0.7 one more Portuguese text was taken for another language.
    /// </summary>
    public const double ShortTextThreshold = 0.8;

    private static readonly Language[] Languages =
        [Language.Portuguese, Language.Spanish, Language.English, Language.French, Language.German, Language.Italian];

    private static readonly Lazy<LanguageDetector> Detector = new(() => LanguageDetectorBuilder
        .FromLanguages(Languages)
        .WithLowAccuracyMode()
        .WithPreloadedLanguageModels()
        .Build());

    private static readonly Lazy<LanguageDetector> ShortTextDetector = new(() => LanguageDetectorBuilder
        .FromLanguages(Languages)
        .WithPreloadedLanguageModels()
        .Build());

    /// <summary>
    /// The English name of the language <paramref name="text"/> is clearly written in when that is
    /// not Portuguese ("English", "Spanish"); null when it is Portuguese or undecided.
    /// </summary>
    public string? DetectNonPortuguese(string text)
    {
        var sample = text.Length <= SampleLength ? text : text[..SampleLength];
        return Detect(Detector.Value, sample, Threshold);
    }

    /// <summary>
    /// Like <see cref="DetectNonPortuguese"/> for a text of a line or two (a headline, a short
    /// note), with the high-accuracy models and <see cref="ShortTextThreshold"/>. About one
    /// foreign text in four still passes, so a finding is meant for a warning, not a rejection.
    /// </summary>
    public string? DetectNonPortugueseInShortText(string text) => Detect(ShortTextDetector.Value, text, ShortTextThreshold);

    private static string? Detect(LanguageDetector detector, string text, double threshold)
    {
        var (language, confidence) = detector.ComputeLanguageConfidenceValues(text)
            .OrderByDescending(pair => pair.Value)
            .Select(pair => (pair.Key, pair.Value))
            .FirstOrDefault();
        return language is Language.Portuguese || confidence < threshold ? null : language.ToString();
    }
}
