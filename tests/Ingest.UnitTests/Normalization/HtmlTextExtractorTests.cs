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

    [Theory]
    [InlineData("<noscript>Ative o JavaScript</noscript>")]
    [InlineData("<header>Assine já</header>")]
    [InlineData("<aside>Leia também: outra notícia</aside>")]
    [InlineData("<form><label>Newsletter</label><input name=e></form>")]
    [InlineData("<nav>Início</nav>")]
    [InlineData("<footer>© Jornal</footer>")]
    [InlineData("<figure><figcaption>Foto: Reuters</figcaption></figure>")]
    [InlineData("<script>var x = 1;</script><style>.a{}</style>")]
    public void Extract_Boilerplate_IsDropped(string boilerplate) =>
        Assert.Equal("Antes.\n\nDepois.",
            TextCleaner.CleanBody(HtmlTextExtractor.Extract($"<article><p>Antes.</p>{boilerplate}<p>Depois.</p></article>")));

    [Theory]
    [InlineData("<div>Um</div><div>Dois</div>")]
    [InlineData("<h2>Um</h2><h3>Dois</h3>")]
    [InlineData("<ul><li>Um</li><li>Dois</li></ul>")]
    [InlineData("<blockquote>Um</blockquote>Dois")]
    [InlineData("<section>Um</section><section>Dois</section>")]
    [InlineData("<table><tr><td>Um</td></tr><tr><td>Dois</td></tr></table>")]
    [InlineData("Um<br><br>Dois")]
    public void Extract_BlockElements_BecomeParagraphBreaks(string html) =>
        Assert.Equal("Um\n\nDois", TextCleaner.CleanBody(HtmlTextExtractor.Extract(html)));

    [Fact]
    public void Extract_InlineElements_StayInTheSentence() =>
        Assert.Equal("O ministro disse que sim.",
            TextCleaner.CleanBody(HtmlTextExtractor.Extract("<p>O <b>ministro</b> <a href=\"/m\">disse</a> <em>que</em> sim.</p>")));

    [Fact]
    public void Extract_NamedAndNumericEntities_AreDecoded() =>
        Assert.Equal("Ação - \"já\" às 10h",
            TextCleaner.CleanBody(HtmlTextExtractor.Extract("<p>A&ccedil;&atilde;o &mdash; &ldquo;j&#225;&rdquo;&nbsp;&#xE0;s 10h</p>")));

    [Fact]
    public void Extract_Fragment_IsParsedToo() =>
        Assert.Equal("a < b", TextCleaner.CleanBody(HtmlTextExtractor.Extract("<p>a &lt; b</p>")));
}
