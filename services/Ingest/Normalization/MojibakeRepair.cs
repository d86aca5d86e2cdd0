using System.Text;
using System.Text.RegularExpressions;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Restores UTF-8 text that was decoded as Windows-1252 or Latin-1 ("informaÃ§Ã£o" →
/// "informação", "â€œ" → "“"), also when it was mangled twice, and leaves correct text alone.
/// </summary>
/// <remarks>
/// Hand-written because no package served here does it (ftfy has no maintained .NET port).
/// Each suspicious sequence (a UTF-8 lead byte's character followed by the right number of
/// continuation bytes' characters) is repaired on its own, so a correct "São Paulo" or a
/// character Windows-1252 cannot encode elsewhere in the text never blocks or breaks a repair.
/// A sequence is replaced only when its bytes decode as strict UTF-8 to a character that
/// mojibake plausibly came from (Latin letters, general punctuation, €, ™, emoji); anything
/// else — "irmã”…" would decode to a CJK ideograph — is kept as written.
/// </remarks>
public static partial class MojibakeRepair
{
    // Windows-1252 bytes 0x80–0x9F that differ from Latin-1; the other bytes map to U+0000–U+00FF.
    private const string Windows1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    // A UTF-8 continuation byte (0x80–0xBF) as Windows-1252 or Latin-1 shows it.
    private const string Continuation = "[\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns <paramref name="text"/> with every repairable mojibake sequence restored.</summary>
    public static string Repair(string text)
    {
        if (!Suspicious().IsMatch(text))
        {
            return text;
        }

        var repaired = false;
        string previous;
        do
        {
            // Double-encoded text needs one pass per layer; each pass shortens the text, so this ends.
            previous = text;
            text = Suspicious().Replace(text, m => TryDecode(m.Value) ?? m.Value);
            repaired |= previous != text;
        }
        while (previous != text);

        if (!repaired)
        {
            return text;
        }

        // Two sequences lose their last byte on the way, and are only guessed back when the same
        // text had certain mojibake, so legitimate "IRMÃ " or a lone quoted "Ã" stay:
        // "à" is C3 A0, and once the A0 (a no-break space) has become a plain space "Ã " is left;
        // "”" is E2 80 9D, and Windows-1252 has no character for 9D, so decoders drop it.
        text = LoneAGrave().Replace(text, "à");
        return TruncatedRightQuote().Replace(text, "\u201D");
    }

    private static string? TryDecode(string sequence)
    {
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < sequence.Length; i++)
        {
            var c = sequence[i];
            var high = Windows1252High.IndexOf(c);
            bytes[i] = c <= '\u00FF' ? (byte)c : (byte)(0x80 + high);
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(bytes[..sequence.Length]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return IsPlausible(char.ConvertToUtf32(decoded, 0)) ? decoded : null;
    }

    private static bool IsPlausible(int codePoint) => codePoint is
        (>= 0x00A0 and <= 0x024F)      // Latin-1 Supplement and Latin Extended-A/B
        or (>= 0x0300 and <= 0x036F)   // combining accents of decomposed (NFD) text
        or (>= 0x2000 and <= 0x206F)   // general punctuation: quotes, dashes, ellipsis, zero-width
        or 0x20AC or 0x2122 or 0xFEFF  // €, ™, a byte-order mark ("ï»¿")
        or (>= 0x1F000 and <= 0x1FAFF); // emoji

    // A lead byte of a 2-, 3- or 4-byte UTF-8 sequence followed by that many continuation bytes,
    // each read through Windows-1252 (or Latin-1, for the five bytes 1252 leaves undefined).
    [GeneratedRegex(
        "[\u00C2-\u00DF]" + Continuation + "|[\u00E0-\u00EF]" + Continuation + "{2}|[\u00F0-\u00F4]" + Continuation + "{3}",
        RegexOptions.CultureInvariant)]
    private static partial Regex Suspicious();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])Ã (?=[\p{L} ])", RegexOptions.CultureInvariant)]
    private static partial Regex LoneAGrave();

    [GeneratedRegex("â€(?!" + Continuation + ")", RegexOptions.CultureInvariant)]
    private static partial Regex TruncatedRightQuote();
}
