using CsCheck;

namespace SeedSearch.Text.Tests;

public class TextFoldingTests
{
    [Theory]
    [InlineData("Ação", "acao")]
    [InlineData("CIBERESPAÇO", "ciberespaco")]
    [InlineData("março", "marco")]
    [InlineData("20 de julho\uFFFE de 2021", "20 de julho\uFFFD de 2021")]
    public void Fold_LowercasesAndStripsAccents_AndNeverThrows(string input, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(input));

    [Fact]
    public void Fold_LoneSurrogate_IsReplacedNotThrown() =>
        Assert.Equal("julho \uFFFD", TextFolding.Fold("Julho " + (char)0xD800));

    [Fact]
    public void Fold_AnyUtf16_IsIdempotent() =>
        Gen.String[Gen.Char, 0, 200].Sample(text =>
        {
            var once = TextFolding.Fold(text);
            Assert.Equal(once, TextFolding.Fold(once));
        }, iter: 2000);
}
