using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class TextCleanerTests
{
    [Fact]
    public void CleanBody_DecomposedAccents_AreComposedToNfc()
    {
        var decomposed = "informac\u0327a\u0303o";
        Assert.Equal("informação", TextCleaner.CleanBody(decomposed));
    }

    [Theory]
    [InlineData("\u201CTeste\u201D", "\"Teste\"")]
    [InlineData("\u00ABTeste\u00BB", "\"Teste\"")]
    [InlineData("d\u2019água", "d'água")]
    public void CleanLine_TypographicQuotes_BecomePlain(string input, string expected) =>
        Assert.Equal(expected, TextCleaner.CleanLine(input));

    [Fact]
    public void CleanBody_ZeroWidthControlAndSoftHyphen_AreRemoved() =>
        Assert.Equal("ciberespaço", TextCleaner.CleanBody("ciber\u00ADes\u200Bpa\u0007ço\uFEFF"));

    [Fact]
    public void CleanBody_SpacesAndBlankLines_AreCollapsed() =>
        Assert.Equal("Um  dois".Replace("  ", " ") + "\n\nTrês\nQuatro",
            TextCleaner.CleanBody("  Um \t\u00A0 dois  \r\n\r\n\r\n\n   Três\r\nQuatro   \n\n"));

    [Fact]
    public void CleanLine_LineBreaks_BecomeSpaces() =>
        Assert.Equal("Título em duas linhas", TextCleaner.CleanLine("Título em\nduas\r\nlinhas"));

    [Theory]
    [InlineData("  “Olá”,\u00A0mundo \n\n\n fim ")]
    [InlineData("já está limpo")]
    public void CleanBody_IsIdempotent(string input)
    {
        var once = TextCleaner.CleanBody(input);
        Assert.Equal(once, TextCleaner.CleanBody(once));
    }
}
