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
    [InlineData("Governo \u2014 disse o ministro", "Governo - disse o ministro")]
    [InlineData("Época 2020\u20132021", "Época 2020-2021")]
    [InlineData("Resultado \u2012 3\u2015 fim", "Resultado - 3- fim")]
    [InlineData("Temperatura de \u22122 °C", "Temperatura de -2 °C")]
    [InlineData("\u2039Não\u203A", "'Não'")]
    [InlineData("\u201ESim\u201C, \u201Aok\u2018", "\"Sim\", 'ok'")]
    public void CleanLine_DashesAndQuotes_AreMadePlain(string input, string expected) =>
        Assert.Equal(expected, TextCleaner.CleanLine(input));

    [Fact]
    public void CleanLine_NoBreakAndOtherSpaces_BecomeOneSpace() =>
        Assert.Equal("10 mil euros", TextCleaner.CleanLine("10\u00A0mil\u202F\u2009euros"));

    [Fact]
    public void CleanBody_WordJoinerAndZeroWidthJoiners_AreRemoved() =>
        Assert.Equal("Lisboa Porto", TextCleaner.CleanBody("Lis\u2060boa\u200C Por\u200Dto"));

    [Fact]
    public void CleanBody_Mojibake_IsRepairedBeforeQuotesAreMadePlain() =>
        Assert.Equal("\"Não há informação\", disse - às 10h.",
            TextCleaner.CleanBody("â€œNÃ£o hÃ¡ informaÃ§Ã£oâ€\u009D, disse â€” Ã\u00A0s 10h."));

    [Fact]
    public void CleanLine_TabsAndControlCharacters_BecomeSpaceOrVanish() =>
        Assert.Equal("Coluna A Coluna B", TextCleaner.CleanLine("Coluna\u0001 A\tColuna\u0085 B\u007F"));

    public static TheoryData<string> MessyTexts => new()
    {
        "  “Olá”,\u00A0mundo \n\n\n fim ",
        "já está limpo",
        "informaÃ§Ã£o\r\n\r\n\r\nâ€œaspasâ€\u009D â€” travessÃ£o",
        "informaÃƒÂ§ÃƒÂ£o dupla",
        "Chegou Ã s 10h com a reuniÃ£o",
        "ciber\u00ADes\u200Bpa\u0007ço\uFEFF\t\t fim",
        "informac\u0327a\u0303o decomposta \u00ABcitação\u00BB \u2039 x \u203A",
        "A\u0303\u00A9 composta depois",
        "\n\n  \u2028linha\u2029parágrafo \u3000 largo  \n \n \n",
        "Ã letra sozinha e IRMÃ  grande",
    };

    [Theory]
    [MemberData(nameof(MessyTexts))]
    public void CleanBody_IsIdempotent(string input)
    {
        var once = TextCleaner.CleanBody(input);
        Assert.Equal(once, TextCleaner.CleanBody(once));
    }

    [Theory]
    [MemberData(nameof(MessyTexts))]
    public void CleanLine_IsIdempotent(string input)
    {
        var once = TextCleaner.CleanLine(input);
        Assert.Equal(once, TextCleaner.CleanLine(once));
    }
}
