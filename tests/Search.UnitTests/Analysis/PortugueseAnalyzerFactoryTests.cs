using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis;
using SeedSearch.Search.Analysis;
using SeedSearch.Text;

namespace SeedSearch.Search.UnitTests.Analysis;

public class PortugueseAnalyzerFactoryTests
{
    private static readonly PortugueseAnalyzerFactory Factory = TestIndex.CreateAnalyzers();

    [Theory]
    [InlineData("acusação", "acusações")]
    [InlineData("ciberespaco", "ciberespaço")]
    [InlineData("cibernético", "cibernéticos")]
    [InlineData("OTAN", "otan")]
    [InlineData("pão", "pao")]
    public void CreateStemmed_InflectionsAndAccents_ProduceTheSameTerm(string left, string right) =>
        Assert.Equal(Terms(Factory.CreateStemmed(), left), Terms(Factory.CreateStemmed(), right));

    [Fact]
    public void CreateStemmed_Stopwords_AreRemovedWithAndWithoutAccents() =>
        Assert.Empty(Terms(Factory.CreateStemmed(), "de que não nao e às as"));

    [Fact]
    public void CreateExact_SaoPaulo_KeepsEveryWordFolded() =>
        Assert.Equal(["sao", "paulo"], Terms(Factory.CreateExact(), "São Paulo"));

    [Theory]
    [InlineData("OTAN", "nato")]
    [InlineData("NATO", "otan")]
    [InlineData("União Europeia", "ue")]
    [InlineData("uniao europeia", "ue")]
    public void CreateExact_Synonyms_AreAddedBesideTheOriginal(string text, string synonym)
    {
        var terms = Terms(Factory.CreateExact(), text);
        Assert.Contains(synonym, terms);
        Assert.Contains(TextFolding.Fold(text).Split(' ')[0], terms);
    }

    [Fact]
    public void CreateExact_AcronymSynonym_DoesNotSpillOntoTheNextWord()
    {
        // "ue" must not emit "união europeia" over the following words ("(UE) lançaram").
        var tokens = Tokens(Factory.CreateExact(), "UE lançaram");
        Assert.DoesNotContain(tokens, t => t.Term == "europeia");
        Assert.Contains(tokens, t => t.Term == "lancaram" && t.Start == 3);
    }

    private static List<string> Terms(Analyzer analyzer, string text) => Tokens(analyzer, text).Select(t => t.Term).ToList();

    private static List<(string Term, int Start)> Tokens(Analyzer analyzer, string text)
    {
        var result = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add((term.ToString(), offset.StartOffset));
        }

        stream.End();
        return result;
    }
}
