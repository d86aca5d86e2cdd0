using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class TitleDeriverTests
{
    [Fact]
    public void Derive_ShortFirstSentence_IsTheTitle() =>
        Assert.Equal("O governo anunciou o plano.", TitleDeriver.Derive("O governo anunciou o plano. Ele começa amanhã.", 120));

    [Fact]
    public void Derive_Abbreviation_DoesNotEndTheSentence() =>
        Assert.Equal("O Sr. Silva e a Dra. Souza falaram.", TitleDeriver.Derive("O Sr. Silva e a Dra. Souza falaram. Depois saíram.", 120));

    [Fact]
    public void Derive_LongSentence_IsCutAtAWordBoundaryWithEllipsis()
    {
        var body = "Embaixadas chinesas em toda a União Europeia lançaram nesta terça-feira um coro de ataque a países ocidentais por fazerem acusações";

        var title = TitleDeriver.Derive(body, 60);

        Assert.True(title.Length <= 60, title);
        Assert.EndsWith("…", title);
        Assert.StartsWith(title.TrimEnd('…'), body);
        Assert.Equal(' ', body[title.Length - 1]);
    }

    [Fact]
    public void Derive_FirstLineOnly() =>
        Assert.Equal("Manchete sem ponto", TitleDeriver.Derive("Manchete sem ponto\nCorpo do texto.", 120));

    [Theory]
    [InlineData("O Prof. Marcelo e o Sr. J. Silva votaram. A sessão acabou tarde.", "O Prof. Marcelo e o Sr. J. Silva votaram.")]
    [InlineData("Segundo o art. 5º da Constituição, todos são iguais. O STF decidiu.", "Segundo o art. 5º da Constituição, todos são iguais.")]
    [InlineData("Vai haver greve? Os sindicatos dizem que sim.", "Vai haver greve?")]
    [InlineData("\"Não desistimos!\" Foi o que disse a ministra.", "\"Não desistimos!\"")]
    public void Derive_PortugueseSentences_EndAtTheRealSentenceEnd(string body, string expected) =>
        Assert.Equal(expected, TitleDeriver.Derive(body, 120));
}
