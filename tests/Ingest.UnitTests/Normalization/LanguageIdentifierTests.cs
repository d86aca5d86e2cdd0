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

    public const string Italian =
        "Il governo ha approvato martedì un nuovo pacchetto di misure per la casa, che comprende aiuti per gli affitti e la "
        + "costruzione di case popolari. Secondo il ministro, non sono necessari più fondi di quelli previsti nel bilancio.";

    private static readonly string[] Foreign = [English, Spanish, French, German, Italian];

    [Fact]
    public void IsPlainlyPortuguese_RealPortugueseProse_TakesTheFastPath()
    {
        Assert.True(LanguageIdentifier.IsPlainlyPortuguese(TestArticles.SeedBody.AsSpan(0, LanguageIdentifier.SampleLength)));
        Assert.True(LanguageIdentifier.IsPlainlyPortuguese(Portuguese + " " + PortugueseWithEnglishNames));
        // Brazilian acronyms that spell foreign function words do not block it.
        Assert.True(LanguageIdentifier.IsPlainlyPortuguese("O SUS e o governo do CE e do ES " + Portuguese));
    }

    [Theory]
    [InlineData(English)]
    [InlineData(Spanish)]
    [InlineData(French)]
    [InlineData(German)]
    [InlineData(Italian)]
    public void IsPlainlyPortuguese_ForeignProse_GoesToTheDetector(string text)
    {
        Assert.False(LanguageIdentifier.IsPlainlyPortuguese(text));
        // Upper case hides neither: an all-capitals text has no markers.
        Assert.False(LanguageIdentifier.IsPlainlyPortuguese(text.ToUpperInvariant()));
        // Nor do Portuguese words sprinkled in.
        Assert.False(LanguageIdentifier.IsPlainlyPortuguese(text + " não são também após até já há uma ao aos às é foi"));
    }

    [Fact]
    public void IsPlainlyPortuguese_ShortPortuguese_GoesToTheDetector() =>
        Assert.False(LanguageIdentifier.IsPlainlyPortuguese("O governo aprovou o pacote de medidas para a habitação."));

    [Fact]
    public void FastPath_NeverPassesWhatTheDetectorCallsForeign()
    {
        // Sentences of Portuguese and foreign prose mixed in every proportion and order: whenever the
        // fast path passes a sample, the detector alone passes it too.
        var portuguese = Sentences(TestArticles.SeedBody + " " + Portuguese + " " + PortugueseWithEnglishNames);
        var fast = 0;
        var checkedSamples = 0;
        foreach (var foreign in Foreign.Select(Sentences))
        {
            for (var share = 0; share <= 10; share++)
            {
                for (var offset = 0; offset < 4; offset++)
                {
                    var mixed = new List<string>();
                    for (var i = 0; i < 12; i++)
                    {
                        var fromForeign = (i * 10 + offset * 3) % 10 < share;
                        var pool = fromForeign ? foreign : portuguese;
                        mixed.Add(pool[(i + offset) % pool.Count]);
                    }

                    var text = string.Join(' ', mixed);
                    var sample = text.Length <= LanguageIdentifier.SampleLength ? text : text[..LanguageIdentifier.SampleLength];
                    checkedSamples++;
                    if (LanguageIdentifier.IsPlainlyPortuguese(sample))
                    {
                        fast++;
                        Assert.Null(LanguageIdentifier.DetectWithoutFastPath(sample));
                        Assert.True(share < 10, "an all-foreign sample took the fast path");
                    }
                }
            }
        }

        // Not vacuous: many samples took the fast path, and many did not.
        Assert.InRange(fast, checkedSamples / 10, checkedSamples * 9 / 10);
    }

    private static List<string> Sentences(string text) =>
        [.. text.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.TrimEnd('.') + ".")];
}
