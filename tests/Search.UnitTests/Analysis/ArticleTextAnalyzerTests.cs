using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.UnitTests.Analysis;

/// <summary>
/// The one-pass analysis must build the index the per-field analyzers build: the same terms,
/// documents, frequencies, positions and norms in every field, for ordinary and hostile text.
/// </summary>
public sealed class ArticleTextAnalyzerTests
{
    private static readonly string LongWord = new('x', 300);

    private static IReadOnlyList<IndexedArticle> Articles { get; } =
    [
        TestArticles.Seed,
        .. TestArticles.Distractors,
        TestArticles.Article("sinonimos", "OTAN e NATO; UE e União Europeia", "A Uniao Europeia e os EUA discutem com a ONU. Estados Unidos, STF e Supremo Tribunal Federal."),
        TestArticles.Article("stop", "de a o", "de a o que e da do das dos não nao é"),
        TestArticles.Article("vazio", string.Empty, "Texto sem título."),
        TestArticles.Article("longo", "Palavra " + LongWord, LongWord + " fim " + new string('y', 41) + " ab abc"),
        TestArticles.Article("misto", "ÁGUA Água água agua", "São Paulo, SÃO PAULO e sao paulo; R$ 3,5 bilhões em 2024-01-01 às 10h30. D'Ávila, guarda-chuva, e-mail: a@b.com, https://gov.br/x?y=1"),
        TestArticles.Article("escritas", "北京 и Москва", "Emoji 🙂🎉 no meio, árabe مرحبا, grego αβγ, ﬁ ligatura, combinação de acentos: ação, ação."),
        TestArticles.Article("repetido", "ação ação ação", string.Join(' ', Enumerable.Repeat("investigou investigação investigações", 50))),
        TestArticles.Article("vocabulario", "Todas as palavras", string.Join(' ', TestArticles.Words)),
    ];

    public static TheoryData<AnalysisVariant> OnePassVariants { get; } =
        [AnalysisVariant.SeedSearch, AnalysisVariant.Minimal, AnalysisVariant.Rslp, AnalysisVariant.Snowball];

    [Theory]
    [MemberData(nameof(OnePassVariants))]
    public void Index_BuiltInOnePass_EqualsThePerFieldAnalyzersIndex(AnalysisVariant variant)
    {
        var analyzers = Factory(variant);
        var onePass = analyzers.CreateOnePass();
        Assert.NotNull(onePass);

        using var expected = Build(analyzers, new ArticleDocuments((ArticleTextAnalyzer?)null));
        using var actual = Build(analyzers, new ArticleDocuments(onePass));

        var expectedFields = FieldNames(expected);
        Assert.Equal(expectedFields, FieldNames(actual));
        foreach (var field in expectedFields)
        {
            Assert.Equal(Postings(expected, field), Postings(actual, field));
            Assert.Equal(Norms(expected, field), Norms(actual, field));
        }

        for (var doc = 0; doc < expected.MaxDoc; doc++)
        {
            Assert.Equal(
                expected.Document(doc).Fields.Select(f => (f.Name, f.GetStringValue())),
                actual.Document(doc).Fields.Select(f => (f.Name, f.GetStringValue())));
        }
    }

    [Fact]
    public void Index_BuiltTwiceWithOneAnalyzer_KeepsEqualing_WhenTheFormsAreCached()
    {
        // The second build reads every token's forms from the cache the first one filled.
        var analyzers = Factory(AnalysisVariant.SeedSearch);
        var documents = new ArticleDocuments(analyzers);
        using var first = Build(analyzers, documents);
        using var second = Build(analyzers, documents);
        using var expected = Build(analyzers, new ArticleDocuments((ArticleTextAnalyzer?)null));
        foreach (var field in FieldNames(expected))
        {
            Assert.Equal(Postings(expected, field), Postings(second, field));
        }
    }

    [Theory]
    [InlineData(AnalysisVariant.Brazilian)]
    [InlineData(AnalysisVariant.Portuguese)]
    [InlineData(AnalysisVariant.PortugueseFolded)]
    public void OnePass_IsNotOffered_ForChainsWithAnotherStart(AnalysisVariant variant) =>
        Assert.Null(Factory(variant).CreateOnePass());

    [Fact]
    public void Completions_HoldEachKeyOnce_AndOnlyWordsOfThreeToFortyLetters()
    {
        var onePass = Factory(AnalysisVariant.SeedSearch).CreateOnePass()!;
        var keys = Terms(AnalyzedText.Completions(new AnalyzedText.KeyTokens(), onePass.Analyze("Ação ação de AÇÃO"), onePass.Analyze("ab " + LongWord + " ação")));
        Assert.Equal(["acao\u0001ação"], keys);
    }

    [Fact]
    public void Fields_ReplayTheirOwnForms_WithStopwordPositionsKept()
    {
        var text = Factory(AnalysisVariant.SeedSearch).CreateOnePass()!.Analyze("Acordo da OTAN");
        Assert.Equal(["acordo", "da", "otan", "nato"], Terms(text.Replay(new AnalyzedText.FieldTokens(), AnalyzedText.TokenForm.Exact)));
        Assert.Equal([("acord", 1), ("otan", 2), ("nato", 0)], TermsWithIncrements(text.Replay(new AnalyzedText.FieldTokens(), AnalyzedText.TokenForm.Stemmed)));
        // "investigou" and "investigação" share an RSLP root, not a light stem.
        var verbs = Factory(AnalysisVariant.SeedSearch).CreateOnePass()!.Analyze("investigou a investigação");
        var root = TermsWithIncrements(verbs.Replay(new AnalyzedText.FieldTokens(), AnalyzedText.TokenForm.Root));
        Assert.Equal(2, root.Count);
        Assert.Equal(root[0].Term, root[1].Term);
        Assert.Equal(2, root[1].Increment);
    }

    private static PortugueseAnalyzerFactory Factory(AnalysisVariant variant) =>
        new(Microsoft.Extensions.Options.Options.Create(new AnalysisOptions { Variant = variant }));

    private static DirectoryReader Build(PortugueseAnalyzerFactory analyzers, ArticleDocuments documents)
    {
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, IndexStorage.CreateWriterConfig(analyzers, 16, new CoordinatedBm25Similarity())))
        {
            foreach (var article in Articles)
            {
                documents.Add(writer, article);
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        return DirectoryReader.Open(directory);
    }

    private static List<string> FieldNames(DirectoryReader reader) =>
        [.. MultiFields.GetFields(reader).Select(f => f).Order(StringComparer.Ordinal)];

    // Every term with, per document, its frequency and positions.
    private static List<string> Postings(DirectoryReader reader, string field)
    {
        var lines = new List<string>();
        var terms = MultiFields.GetTerms(reader, field);
        var termsEnum = terms.GetEnumerator();
        var hasPositions = terms.HasPositions;
        while (termsEnum.MoveNext())
        {
            var line = new System.Text.StringBuilder(termsEnum.Term.Utf8ToString()).Append(':');
            if (hasPositions)
            {
                var postings = termsEnum.DocsAndPositions(null, null)!;
                while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    line.Append(' ').Append(postings.DocID).Append('x').Append(postings.Freq).Append('@');
                    for (var i = 0; i < postings.Freq; i++)
                    {
                        line.Append(postings.NextPosition()).Append(',');
                    }
                }
            }
            else
            {
                var docs = termsEnum.Docs(null, null, DocsFlags.NONE);
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    line.Append(' ').Append(docs.DocID);
                }
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    private static List<long> Norms(DirectoryReader reader, string field)
    {
        var norms = MultiDocValues.GetNormValues(reader, field);
        return norms is null ? [] : [.. Enumerable.Range(0, reader.MaxDoc).Select(norms.Get)];
    }

    private static List<string> Terms(Lucene.Net.Analysis.TokenStream stream) =>
        [.. TermsWithIncrements(stream).Select(t => t.Term)];

    private static List<(string Term, int Increment)> TermsWithIncrements(Lucene.Net.Analysis.TokenStream stream)
    {
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        var tokens = new List<(string, int)>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), increment.PositionIncrement));
        }

        stream.End();
        stream.Dispose();
        return tokens;
    }
}
