using System.Collections.Frozen;
using Lingua;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Tells whether a text is clearly written in a language other than Portuguese, using Lingua
/// (SearchPioneer.Lingua, a maintained port of the Lingua n-gram detector) restricted to the
/// languages a Portuguese newsroom feed is likely to be confused with.
/// </summary>
/// <remarks>
/// Low-accuracy mode (trigram models only) loads in under a second and uses tens of megabytes,
/// where high-accuracy mode took 2 s and about 400 MB for the same six languages; Lingua
/// documents it as equally accurate above 120 characters. Short texts
/// (<see cref="DetectNonPortugueseInShortText"/>) use the same models with a stricter threshold:
/// high-accuracy mode made fewer false findings on them (none of 3,648 native passages against
/// 0.2–0.5% of gov.br titles and first sentences) but caught fewer foreign ones and would cost
/// 400 MB for what is only ever a warning.
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
    /// <see cref="Threshold"/> for texts of 40–200 characters. Measured on such passages at 0.95:
    /// 5 of 1,067 gov.br titles, 2 of 1,052 first sentences and 4 of 729 FaQuAD questions taken for
    /// another language (3.5% of machine-translated SQuAD questions and 3.7% of Portuguese software
    /// messages full of English names); 81% of Spanish and 88% of English software messages and 95%
    /// of English API summaries found. At 0.8 the false findings on titles were twice as many.
    /// </summary>
    public const double ShortTextThreshold = 0.95;

    /// <summary>
    /// Portuguese function words (and, below, words ending in -ão/-ões/-ção/-ções) a sample needs
    /// <see cref="PlainlyPortugueseMarkers"/> of to count as plainly Portuguese without the detector.
    /// </summary>
    private static readonly FrozenSet<string> PortugueseWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "não", "uma", "um", "em", "no", "na", "nos", "nas", "do", "da", "dos", "das", "ao", "aos", "às", "é", "são", "também",
        "pelo", "pela", "pelos", "pelas", "até", "após", "foi", "há", "já", "seu", "sua", "seus", "suas", "num", "numa",
        "ele", "ela", "eles", "elas", "isso", "essa", "esse", "que", "os", "de", "com", "para");

    /// <summary>
    /// Frequent function words of the other five languages that Portuguese prose does not use:
    /// one of them in the sample sends it to the detector, so foreign text never takes the fast path.
    /// </summary>
    private static readonly FrozenSet<string> ForeignWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        // English
        "the", "and", "of", "to", "is", "was", "with", "that", "for", "are", "this", "from", "by", "have", "has", "which", "be", "it", "on", "in", "an",
        // Spanish
        "el", "los", "las", "del", "y", "una", "es", "con", "al", "su", "fue", "más", "pero", "en", "muy", "sus", "le", "les",
        // French
        "des", "du", "et", "est", "dans", "pour", "qui", "sur", "au", "avec", "pas", "ce", "une", "ne", "il", "sont",
        // German
        "der", "die", "und", "ist", "den", "von", "mit", "nicht", "ein", "eine", "zu", "auf", "im", "sich", "dem", "wird",
        // Italian
        "di", "della", "che", "per", "non", "gli", "sono", "nel", "alla", "dei", "delle", "anche", "più", "è", "lo", "la", "il");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PortugueseLookup =
        PortugueseWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ForeignLookup =
        ForeignWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Portuguese markers a sample without any foreign function word needs to skip the detector.</summary>
    public const int PlainlyPortugueseMarkers = 12;

    private static readonly Language[] Languages =
        [Language.Portuguese, Language.Spanish, Language.English, Language.French, Language.German, Language.Italian];

    private static readonly Lazy<LanguageDetector> Detector = new(() => LanguageDetectorBuilder
        .FromLanguages(Languages)
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
        return IsPlainlyPortuguese(sample) ? null : Detect(Detector.Value, sample, Threshold);
    }

    /// <summary>
    /// Like <see cref="DetectNonPortuguese"/> for a text of a line or two (a headline, a short
    /// note), with <see cref="ShortTextThreshold"/>. About one foreign text in ten still passes and
    /// a few Portuguese ones are flagged, so a finding is meant for a warning, not a rejection.
    /// </summary>
    public string? DetectNonPortugueseInShortText(string text) =>
        IsPlainlyPortuguese(text) ? null : Detect(Detector.Value, text, ShortTextThreshold);

    /// <summary>
    /// The fast path before the detector, which costs about 0.7 ms a sample: true when the text
    /// has at least <see cref="PlainlyPortugueseMarkers"/> Portuguese function words or -ão/-ção
    /// words and not one frequent function word of English, Spanish, French, German or Italian.
    /// Real foreign prose always has some of those, so it still reaches the detector.
    /// </summary>
    public static bool IsPlainlyPortuguese(ReadOnlySpan<char> text)
    {
        var markers = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetter(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start < 0)
            {
                continue;
            }

            var word = text[start..i];
            start = -1;
            if (IsAcronym(word))
            {
                // "SUS", "CE", "ES" are Brazilian acronyms, not foreign words; and an all-capitals
                // text never takes the fast path, as it has no markers.
                continue;
            }

            if (ForeignLookup.Contains(word))
            {
                return false;
            }

            if (PortugueseLookup.Contains(word) || EndsLikePortuguese(word))
            {
                markers++;
            }
        }

        return markers >= PlainlyPortugueseMarkers;
    }

    private static bool IsAcronym(ReadOnlySpan<char> word) => word.Length > 1 && !HasLowerCase(word);

    private static bool HasLowerCase(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsLikePortuguese(ReadOnlySpan<char> word) =>
        word.Length > 3 && (word.EndsWith("ão", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ões", StringComparison.OrdinalIgnoreCase));

    /// <summary>What the detector alone says of <paramref name="sample"/>, without the fast path (for tests).</summary>
    internal static string? DetectWithoutFastPath(string sample) => Detect(Detector.Value, sample, Threshold);

    private static string? Detect(LanguageDetector detector, string text, double threshold)
    {
        var (language, confidence) = detector.ComputeLanguageConfidenceValues(text)
            .OrderByDescending(pair => pair.Value)
            .Select(pair => (pair.Key, pair.Value))
            .FirstOrDefault();
        return language is Language.Portuguese || confidence < threshold ? null : language.ToString();
    }
}
