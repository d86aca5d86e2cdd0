using System.Globalization;
using System.Text;
using SeedSearch.ServiceDefaults;

namespace SeedSearch.Search.Analysis;

/// <summary>Lower-cases and strips diacritics the way the exact field does ("Ação" → "acao").</summary>
public static class TextFolding
{
    /// <summary>Returns <paramref name="text"/> lower-cased with combining marks removed.</summary>
    public static string Fold(string text)
    {
        var decomposed = UnicodeText.ReplaceInvalid(text).ToLowerInvariant().Normalize(NormalizationForm.FormD);
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
