using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class HtmlTextExtractorTests
{
    private const string Page = """
        <html><head><title>Título da página</title><style>p { color: red }</style></head>
        <body>
          <nav><a href="/">Início</a> | <a href="/politica">Política</a></nav>
          <article>
            <h1>Parlamento aprova lei</h1>
            <p>O Parlamento aprovou a lei das telecomunica&ccedil;&otilde;es.</p>
            <figure><img src="x.jpg"><figcaption>Foto: Agência</figcaption></figure>
            <p>Disse o ministro<br>em Lisboa &amp; no Porto.</p>
            <script>alert('x')</script>
          </article>
          <footer>Todos os direitos reservados</footer>
        </body></html>
        """;

    [Fact]
    public void Extract_NewsPage_KeepsArticleTextAndDecodesEntities()
    {
        var text = TextCleaner.CleanBody(HtmlTextExtractor.Extract(Page));

        Assert.Equal("Parlamento aprova lei\n\nO Parlamento aprovou a lei das telecomunicações.\n\nDisse o ministro\nem Lisboa & no Porto.", text);
    }

    [Theory]
    [InlineData("alert")]
    [InlineData("color")]
    [InlineData("Início")]
    [InlineData("Foto")]
    [InlineData("direitos")]
    public void Extract_NewsPage_DropsScriptsStylesNavigationCaptionsAndFooter(string dropped) =>
        Assert.DoesNotContain(dropped, HtmlTextExtractor.Extract(Page));

    [Fact]
    public void ExtractTitle_PrefersTheFirstHeading() =>
        Assert.Equal("Parlamento aprova lei", HtmlTextExtractor.ExtractTitle(Page));

    [Fact]
    public void Extract_Fragment_IsParsedToo() =>
        Assert.Equal("a < b", TextCleaner.CleanBody(HtmlTextExtractor.Extract("<p>a &lt; b</p>")));
}
