using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class MojibakeRepairTests
{
    [Theory]
    [InlineData("A informaÃ§Ã£o foi divulgada pelo MinistÃ©rio da SaÃºde.", "A informação foi divulgada pelo Ministério da Saúde.")]
    [InlineData("O cafÃ© Ã© bom", "O café é bom")]
    [InlineData("â€œVamos vencerâ€, disse o presidente â€“ sem dar datas.", "“Vamos vencer”, disse o presidente – sem dar datas.")]
    [InlineData("Chegou Ã\u00A0s 10h Ã\u00A0 estaÃ§Ã£o.", "Chegou às 10h à estação.")]
    [InlineData("EleiÃ§Ãµes em SÃ£o Paulo e BrasÃ\u00ADlia", "Eleições em São Paulo e Brasília")]
    [InlineData("O preÃ§o subiu 5â‚¬ e caiu ðŸ˜€", "O preço subiu 5€ e caiu 😀")]
    [InlineData("ï»¿Texto com BOM", "\uFEFFTexto com BOM")]
    public void Repair_Utf8ReadAsWindows1252_IsRestored(string mangled, string expected) =>
        Assert.Equal(expected, MojibakeRepair.Repair(mangled));

    [Fact]
    public void Repair_Utf8ReadAsLatin1_IsRestoredToo() =>
        // Latin-1 reads the bytes 0x81 and 0x89 of "Á" and "É" as C1 controls, not as 1252 does.
        Assert.Equal("África e Évora", MojibakeRepair.Repair("Ã\u0081frica e Ã\u0089vora"));

    [Fact]
    public void Repair_UppercaseThroughWindows1252_IsRestored() =>
        Assert.Equal("ÉVORA e ÚLTIMA HORA", MojibakeRepair.Repair("Ã‰VORA e ÃšLTIMA HORA"));

    [Fact]
    public void Repair_DoubleEncoded_IsRestoredInFull() =>
        Assert.Equal("informação", MojibakeRepair.Repair("informaÃƒÂ§ÃƒÂ£o"));

    [Fact]
    public void Repair_NoBreakSpaceLostAfterMojibake_RestoresTheGraveA() =>
        Assert.Equal("A reunião começa às 10h, à porta.", MojibakeRepair.Repair("A reuniÃ£o comeÃ§a Ã s 10h, Ã  porta."));

    [Theory]
    [InlineData("São Paulo")]
    [InlineData("Ação e informação")]
    [InlineData("A IRMÃ DELE CHEGOU")]
    [InlineData("A letra Ã sozinha")]
    [InlineData("O Microsoft Exchange Server foi atacado — “hackers” à noite, às 10h.")]
    [InlineData("Ele disse: «é», e saiu.")]
    [InlineData("A irmã”… e depois")]
    [InlineData("Temperatura: 30°C, ±2º")]
    [InlineData("naïve café in São Paulo")]
    public void Repair_CorrectText_IsUnchanged(string text) =>
        Assert.Equal(text, MojibakeRepair.Repair(text));

    [Fact]
    public void Repair_MixedCorrectAndMangled_RepairsOnlyTheMangledPart() =>
        Assert.Equal("São Paulo: informação ≠ ação", MojibakeRepair.Repair("São Paulo: informaÃ§Ã£o ≠ ação"));

    [Fact]
    public void Repair_RepairedText_IsAFixedPoint()
    {
        var once = MojibakeRepair.Repair("PolÃ­tica Ã  tarde: â€œnÃ£oâ€");
        Assert.Equal("Política à tarde: “não”", once);
        Assert.Equal(once, MojibakeRepair.Repair(once));
    }
}
