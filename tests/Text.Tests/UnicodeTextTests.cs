using System.Text;
using CsCheck;

namespace SeedSearch.Text.Tests;

public class UnicodeTextTests
{
    [Theory]
    [InlineData("julho\uFFFE", "julho\uFFFD")]
    [InlineData("julho\uFFFF", "julho\uFFFD")]
    [InlineData("\uD83D\uDE00", "\uD83D\uDE00")]
    [InlineData("ação", "ação")]
    public void ReplaceInvalid_ReplacesOnlyWhatIsNotText(string input, string expected) =>
        Assert.Equal(expected, UnicodeText.ReplaceInvalid(input));

    // Lone surrogates cannot be attribute arguments (metadata is UTF-8), so these are built here.
    [Fact]
    public void ReplaceInvalid_LoneSurrogates_BecomeReplacementCharacters()
    {
        Assert.Equal("a\uFFFDb", UnicodeText.ReplaceInvalid("a" + (char)0xD800 + "b"));
        Assert.Equal("a\uFFFD", UnicodeText.ReplaceInvalid("a" + (char)0xDC00));
        Assert.Equal("\uFFFD\uFFFD", UnicodeText.ReplaceInvalid(new string([(char)0xDC00, (char)0xD800])));
    }

    [Fact]
    public void Normalize_ComposesAccents()
    {
        Assert.Equal("ação", UnicodeText.Normalize("ac\u0327a\u0303o"));
        Assert.Equal("ac\u0327a\u0303o", UnicodeText.Normalize("ação", NormalizationForm.FormD));
    }

    [Fact]
    public void Normalize_AnyUtf16_NeverThrowsAndIsStable() =>
        Gen.String[Gen.Char, 0, 200].Sample(text =>
        {
            foreach (var form in new[] { NormalizationForm.FormC, NormalizationForm.FormD, NormalizationForm.FormKC, NormalizationForm.FormKD })
            {
                var once = UnicodeText.Normalize(text, form);
                Assert.Equal(once, UnicodeText.Normalize(once, form));
            }
        }, iter: 2000);
}
