using System.Text;

namespace SeedSearch.Text;

/// <summary>Makes arbitrary UTF-16 safe for Unicode normalisation.</summary>
public static class UnicodeText
{
    /// <summary>
    /// <paramref name="text"/> with every lone UTF-16 surrogate and the noncharacters U+FFFE and
    /// U+FFFF replaced by U+FFFD. They are not text, and <see cref="string.Normalize()"/> throws on
    /// them; both can reach a service (U+FFFE is valid UTF-8 on the wire).
    /// </summary>
    public static string ReplaceInvalid(string text)
    {
        var index = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        var nonCharacter = text.AsSpan().IndexOfAny('\uFFFE', '\uFFFF');
        if (index < 0 && nonCharacter < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]) || chars[i] is '\uFFFE' or '\uFFFF')
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// <paramref name="text"/> normalised to <paramref name="form"/> after
    /// <see cref="ReplaceInvalid"/>, so it never throws. The only way this code base normalises.
    /// </summary>
    public static string Normalize(string text, NormalizationForm form = NormalizationForm.FormC) =>
        ReplaceInvalid(text).Normalize(form);
}
