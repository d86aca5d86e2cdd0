using System.Globalization;
using System.Text;

namespace SeedSearch.Text;

/// <summary>
/// Lower-cases and strips diacritics ("Ação" → "acao"): the exact index fields, suggestion keys,
/// synonyms and the Portuguese month names of dates all fold the same way.
/// </summary>
public static class TextFolding
{
    /// <summary>Returns <paramref name="text"/> lower-cased with combining marks removed; never throws.</summary>
    public static string Fold(string text)
    {
        var decomposed = UnicodeText.Normalize(text.ToLowerInvariant(), NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
