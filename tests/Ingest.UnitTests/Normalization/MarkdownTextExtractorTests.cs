using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class MarkdownTextExtractorTests
{
    // The shape of the gov.br scraper's bodies: a subtitle, an image whose alt text is its file
    // name, bold, a link, a photo credit and a hard line break (two trailing spaces).
    private const string GovBrArticle = """
        Etapas estaduais começam esta semana
        ![a38ebd06-44e0_871x712.jpg](https://www.gov.br/servidor/pt-br/noticias/a38ebd06_871x712.jpg/@@images/195b8c26.jpeg)

        O calendário está disponível no site oficial: [2cnarquivos.org](http://2cnarquivos.org/).

        **A Conferência**

        ![Com as Cataratas do Iguaçu como cenário, as servidoras trocaram experiências](https://www.gov.br/icmbio/foto.png)

        Tema: "Arquivos"  
        Local: Brasília
        """;

    private static string Clean(string markdown) => TextCleaner.CleanBody(MarkdownTextExtractor.Extract(markdown));

    [Fact]
    public void Extract_ScrapedArticle_KeepsTextDropsImagesAndUrls() =>
        Assert.Equal(
            "Etapas estaduais começam esta semana\n\n"
            + "O calendário está disponível no site oficial: 2cnarquivos.org.\n\n"
            + "A Conferência\n\n"
            + "Com as Cataratas do Iguaçu como cenário, as servidoras trocaram experiências\n\n"
            + "Tema: \"Arquivos\"\nLocal: Brasília",
            Clean(GovBrArticle));

    [Theory]
    [InlineData("# Um\n\nDois")]
    [InlineData("Um\n===\n\nDois\n---")]
    [InlineData("- Um\n- Dois")]
    [InlineData("* Um\n\n* Dois")]
    [InlineData("> Um\n\nDois")]
    [InlineData("Um\n\n---\n\nDois")]
    [InlineData("Um\n\n<div>Dois</div>")]
    [InlineData("    Um\n\nDois")]
    [InlineData("```\nUm\n```\nDois")]
    public void Extract_Blocks_BecomeParagraphs(string markdown) =>
        Assert.Equal("Um\n\nDois", Clean(markdown));

    [Fact]
    public void Extract_OrderedList_KeepsItsNumbers() =>
        Assert.Equal("1. Inscrição\n\n2) Prova\n\n2021. Foi um ano difícil.", Clean("1. Inscrição\n\n2) Prova\n\n2021. Foi um ano difícil."));

    [Fact]
    public void Extract_PipeTable_RowsBecomeParagraphsAndCellsWords() =>
        Assert.Equal("Cidade Casos\n\nRecife 10\n\nMarize Torres - ASCOM",
            Clean("| Cidade | Casos |\n| --- | ---: |\n| Recife | 10 |\n\n| *Marize Torres — ASCOM* |\n| --- |"));

    [Fact]
    public void Extract_Emphasis_CodeAndEntities_BecomePlainText() =>
        Assert.Equal("O ministro disse que sim & não a Lei 1.234.",
            Clean("O **ministro** _disse_ que `sim` &amp; não a *Lei 1.234*."));

    [Theory]
    [InlineData("Veja [a portaria](https://www.gov.br/portaria) hoje.", "Veja a portaria hoje.")]
    [InlineData("Veja [https://www.gov.br/x](https://www.gov.br/x) hoje.", "Veja hoje.")]
    [InlineData("Veja [gov.br/saude/dengue](https://gov.br/saude/dengue) hoje.", "Veja hoje.")]
    [InlineData("Veja [Mercosul IA\\_ESP\\_v6.pdf](/arquivos/m.pdf) hoje.", "Veja hoje.")]
    [InlineData("Veja [a nota][1] hoje.\n\n[1]: https://www.gov.br/nota", "Veja a nota hoje.")]
    [InlineData("Veja <https://www.gov.br/x> hoje.", "Veja hoje.")]
    [InlineData("Escreva para <ouvidoria@gov.br> hoje.", "Escreva para ouvidoria@gov.br hoje.")]
    [InlineData("Escreva para [ouvidoria@gov.br](mailto:ouvidoria@gov.br) hoje.", "Escreva para ouvidoria@gov.br hoje.")]
    [InlineData("Veja [![foto.jpg](https://x.gov.br/f.jpg)](https://x.gov.br/pagina) hoje.", "Veja hoje.")]
    public void Extract_Links_KeepTextThatIsNotAnAddressOrFileName(string markdown, string expected) =>
        Assert.Equal(expected, Clean(markdown));

    [Theory]
    [InlineData("![1](https://www.gov.br/1.jpeg)")]
    [InlineData("![SITE (2)](https://www.gov.br/site.png)")]
    [InlineData("![WhatsApp Image 2026-02-24 at 19.54.33 (2).jpeg](https://www.gov.br/w.jpeg)")]
    [InlineData("![Banner-Portal-dengue.png](https://www.gov.br/banner.png)")]
    [InlineData("![](https://www.gov.br/vazio.png)")]
    public void Extract_ImageWithoutCaption_LeavesNothing(string image) =>
        Assert.Equal("Antes.\n\nDepois.", Clean($"Antes.\n\n{image}\n\nDepois."));

    [Fact]
    public void Extract_ImageWithCaption_KeepsTheCaptionWhereTheImageWas() =>
        Assert.Equal("Antes.\nRosângela dos Santos\nDepois.", Clean("Antes.\n![Rosângela dos Santos](https://www.gov.br/r.jpg)\nDepois."));

    [Fact]
    public void Extract_HardAndSoftLineBreaks_StayLineBreaks() =>
        Assert.Equal("Um\nDois\nTrês", Clean("Um  \nDois\\\nTrês"));

    [Fact]
    public void Extract_UnclosedBrackets_StayAsText() =>
        Assert.Equal("Ver [nota e [outra", Clean("Ver [nota e [outra"));

    [Theory]
    [InlineData(10_000, '>')]
    [InlineData(10_000, '[')]
    [InlineData(100_000, '[')]
    public void Extract_DeepNesting_ReturnsTheTextUnparsed(int count, char opener)
    {
        var markdown = new string(opener, count) + " a";

        Assert.Equal(markdown, MarkdownTextExtractor.Extract(markdown));
    }

    [Fact]
    public void Extract_QuadraticMarkup_ReturnsTheTextUnparsed()
    {
        // Unclosed link destinations made Markdig rescan to the end: 400,000 characters took 46 s.
        var markdown = string.Concat(Enumerable.Repeat("[a](", 100_000));

        Assert.Equal(markdown, MarkdownTextExtractor.Extract(markdown));
    }

    [Fact]
    public void Extract_DeepContainerPrefix_ReturnsTheTextUnparsed()
    {
        var markdown = new string('>', MarkdownTextExtractor.MaxContainerPrefix + 1) + " a";

        Assert.Equal(markdown, MarkdownTextExtractor.Extract(markdown));
    }

    [Fact]
    public void Extract_Nul_IsRemovedLikePlainTextCleaning() =>
        Assert.Equal("ab", Clean("a\0b"));

    [Theory]
    [InlineData("# Parlamento aprova lei\n\nTexto.", "Parlamento aprova lei")]
    [InlineData("Parlamento *aprova* lei\n=====\n\nTexto.", "Parlamento aprova lei")]
    [InlineData("## Seção\n\nTexto.\n\n# Parlamento aprova lei", "Parlamento aprova lei")]
    [InlineData("## Seção\n\nTexto.", "")]
    [InlineData("Texto sem título.", "")]
    public void ExtractTitle_FirstLevelOneHeading(string markdown, string expected) =>
        Assert.Equal(expected, MarkdownTextExtractor.ExtractTitle(markdown));

    [Theory]
    [InlineData("Foto: ![capa](https://www.gov.br/capa.jpg)")]
    [InlineData("Veja [a portaria](https://www.gov.br/portaria).")]
    [InlineData("Veja [a portaria](http://www.gov.br/portaria).")]
    [InlineData("Veja [a portaria](/portaria).")]
    [InlineData("Veja [a portaria](<https://www.gov.br/a b>).")]
    [InlineData("Veja [a portaria](https://www.gov.br/portaria \"Portaria\").")]
    [InlineData("Veja a portaria [1].\n\n[1]: https://www.gov.br/portaria")]
    public void LooksLikeMarkdown_ImageLinkOrReferenceToAnAddress_IsTrue(string text) =>
        Assert.True(MarkdownTextExtractor.LooksLikeMarkdown(text));

    [Theory]
    [InlineData("O ministro disse que sim.")]
    [InlineData("**Atenção**: as inscrições terminam hoje.\n\n- item um\n- item dois\n\n# não é título")]
    [InlineData("Veja o artigo [1] (publicado em 2020).")]
    [InlineData("Os valores [em reais] (sem correção) subiram.")]
    [InlineData("A lista [ver anexo](pág. 3) está no fim.")]
    [InlineData("Acesse https://www.gov.br/saude para saber mais.")]
    [InlineData("Escreva para <ouvidoria@gov.br>.")]
    [InlineData("Nota [1]: https://www.gov.br/portaria, de 2020.")]
    [InlineData("Os dados [do IBGE](/ver anexo) estão no fim.")]
    public void LooksLikeMarkdown_Prose_IsFalse(string text) =>
        Assert.False(MarkdownTextExtractor.LooksLikeMarkdown(text));
}
