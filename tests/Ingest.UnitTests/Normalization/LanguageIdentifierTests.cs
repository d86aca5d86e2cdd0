using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class LanguageIdentifierTests
{
    private static readonly LanguageIdentifier Identifier = new();

    public const string Portuguese =
        "O Governo aprovou nesta terça-feira o novo pacote de medidas para a habitação, que inclui apoios às rendas "
        + "e a construção de casas públicas. Segundo o ministro, não são precisas mais verbas do que as previstas no Orçamento.";

    public const string PortugueseWithEnglishNames =
        "O Microsoft Exchange Server foi atacado por um grupo de hackers ligado ao governo chinês, segundo a Casa Branca. "
        + "A Microsoft disse que o ataque, conhecido como Hafnium, afetou milhares de servidores e que já publicou uma correção.";

    public const string English =
        "The government approved on Tuesday a new package of housing measures, including rent support and the construction "
        + "of public homes. According to the minister, no more funding is needed than what was planned in the budget.";

    public const string Spanish =
        "El Gobierno aprobó este martes el nuevo paquete de medidas para la vivienda, que incluye ayudas al alquiler y la "
        + "construcción de viviendas públicas. Según el ministro, no son necesarios más fondos de los previstos en los presupuestos.";

    public const string French =
        "Le gouvernement a approuvé mardi un nouveau paquet de mesures pour le logement, qui comprend des aides au loyer et la "
        + "construction de logements publics. Selon le ministre, il ne faut pas plus de fonds que ceux prévus dans le budget.";

    public const string German =
        "Die Regierung hat am Dienstag ein neues Paket von Maßnahmen für den Wohnungsbau beschlossen, das Mietzuschüsse und den "
        + "Bau öffentlicher Wohnungen umfasst. Nach Angaben des Ministers sind keine weiteren Mittel als im Haushalt vorgesehen nötig.";

    [Theory]
    [InlineData(English, "English")]
    [InlineData(Spanish, "Spanish")]
    [InlineData(French, "French")]
    [InlineData(German, "German")]
    public void DetectNonPortuguese_ForeignNews_NamesTheLanguage(string text, string expected) =>
        Assert.Equal(expected, Identifier.DetectNonPortuguese(text));

    [Theory]
    [InlineData(Portuguese)]
    [InlineData(PortugueseWithEnglishNames)]
    [InlineData("Na Bahia, o prefeito de Salvador anunciou que as aulas voltam em agosto. Os pais não estão de acordo, "
        + "e a associação diz que faltam professores nas escolas da rede municipal.")]
    public void DetectNonPortuguese_PortugueseNews_IsNull(string text) =>
        Assert.Null(Identifier.DetectNonPortuguese(text));

    [Theory]
    [InlineData("Authentication is required to set the default route.", "English")]
    [InlineData("El gobierno anunció ayer un nuevo plan de vivienda para las familias de bajos ingresos.", "Spanish")]
    public void DetectNonPortugueseInShortText_ForeignLine_NamesTheLanguage(string text, string expected) =>
        Assert.Equal(expected, Identifier.DetectNonPortugueseInShortText(text));

    [Theory]
    [InlineData("Estados iniciam maratona de eventos preparatórios da 2ª Conferência Nacional de Arquivos")]
    [InlineData("A Microsoft confirmou que o Exchange Server foi atacado pelo grupo Hafnium.")]
    public void DetectNonPortugueseInShortText_PortugueseLine_IsNull(string text) =>
        Assert.Null(Identifier.DetectNonPortugueseInShortText(text));

    [Fact]
    public void DetectNonPortuguese_TextLongerThanTheSample_IsDecidedOnItsOpening()
    {
        // Scoring a 2 MB body would cost seconds; the opening decides.
        var opening = string.Concat(Enumerable.Repeat(English + " ", 25));
        var text = opening + string.Concat(Enumerable.Repeat(" " + Portuguese, 100));

        Assert.True(opening.Length > LanguageIdentifier.SampleLength);
        Assert.Equal("English", Identifier.DetectNonPortuguese(text));
    }
}
