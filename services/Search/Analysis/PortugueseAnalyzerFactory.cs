using System.Reflection;
using Lucene.Net.Analysis.Br;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;
using SeedSearch.Search.Options;
using SeedSearch.Text;

namespace SeedSearch.Search.Analysis;

/// <summary>
/// Builds the Portuguese analysis chains, used identically at index and query time.
/// <list type="bullet">
/// <item>Stemmed: standard tokenizer, lower case, synonyms, stopwords (with their accent-less
/// forms), light Portuguese stemmer, then ASCII folding. Folding after the stemmer keeps its
/// -ção/-ções rules working and also folds the short words it leaves alone ("pão").</item>
/// <item>Exact: standard tokenizer, lower case, synonyms, ASCII folding; no stopwords, so
/// phrases such as "São Paulo" keep every word.</item>
/// </list>
/// </summary>
public sealed class PortugueseAnalyzerFactory
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly SynonymMap _synonyms;
    private readonly CharArraySet _stopWords;
    private readonly AnalysisVariant _variant;

    /// <summary>Creates the factory, loading synonyms from the configured file or the built-in list.</summary>
    public PortugueseAnalyzerFactory(IOptions<AnalysisOptions> options)
    {
        _variant = options.Value.Variant;
        UsesExactFields = options.Value.ExactFields;
        UsesRootFields = options.Value.RootFields;
        _stopWords = BuildStopWords();
        _synonyms = BuildSynonyms(ReadSynonymRules(options.Value.SynonymsPath));
    }

    /// <summary>Whether queries also search the exact fields.</summary>
    public bool UsesExactFields { get; }

    /// <summary>Whether queries also search the root (RSLP) fields.</summary>
    public bool UsesRootFields { get; }

    /// <summary>True for a Portuguese stopword, accented or not ("não", "nao", "de").</summary>
    public bool IsStopWord(string word) => _stopWords.Contains(word.ToLowerInvariant());

    /// <summary>The stemmed chain of the configured variant.</summary>
    public Analyzer CreateStemmed() => CreateStemmed(_variant);

    /// <summary>The root chain: the SeedSearch chain with the full RSLP stemmer.</summary>
    public Analyzer CreateRoot() => CreateStemmed(AnalysisVariant.Rslp);

    private Analyzer CreateStemmed(AnalysisVariant variant) => variant switch
    {
        AnalysisVariant.Brazilian => new BrazilianAnalyzer(Version),
        AnalysisVariant.Portuguese or AnalysisVariant.PortugueseFolded => Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new StandardFilter(Version, source);
            stream = new LowerCaseFilter(Version, stream);
            stream = new StopFilter(Version, stream, PortugueseAnalyzer.DefaultStopSet);
            stream = new PortugueseLightStemFilter(stream);
            if (variant == AnalysisVariant.PortugueseFolded)
            {
                stream = new ASCIIFoldingFilter(stream);
            }

            return new TokenStreamComponents(source, stream);
        }),
        _ => Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, StemmedTail(SharedHead(source), variant));
        }),
    };

    /// <summary>
    /// The one-pass indexing analysis (<see cref="ArticleTextAnalyzer"/>) for the configured
    /// variant, or null for the variants built on another tokenizer chain (Brazilian, Portuguese).
    /// </summary>
    public ArticleTextAnalyzer? CreateOnePass() => _variant is AnalysisVariant.Brazilian or AnalysisVariant.Portuguese or AnalysisVariant.PortugueseFolded
        ? null
        : new ArticleTextAnalyzer(this);

    /// <summary>What every SeedSearch chain but completions does first: standard filter, lower case, synonyms.</summary>
    internal TokenStream SharedHead(Tokenizer source) => WithSynonyms(LowerCased(source));

    /// <summary>The configured stemmed chain after <see cref="SharedHead"/>: stopwords, stemmer, ASCII folding.</summary>
    internal TokenStream StemmedTail(TokenStream stream) => StemmedTail(stream, _variant);

    /// <summary>The root chain after <see cref="SharedHead"/>.</summary>
    internal TokenStream RootTail(TokenStream stream) => StemmedTail(stream, AnalysisVariant.Rslp);

    /// <summary>The exact chain after <see cref="SharedHead"/>: ASCII folding.</summary>
    internal static TokenStream ExactTail(TokenStream stream) => new ASCIIFoldingFilter(stream);

    /// <summary>The completion chain after the tokenizer's lower-cased output.</summary>
    internal static TokenStream SuggestTail(TokenStream stream) => new SuggestKeyFilter(new LengthFilter(Version, stream, 3, 40));

    internal static TokenStream LowerCased(Tokenizer source) => new LowerCaseFilter(Version, new StandardFilter(Version, source));

    private TokenStream StemmedTail(TokenStream stream, AnalysisVariant variant)
    {
        stream = new StopFilter(Version, stream, _stopWords);
        stream = variant switch
        {
            AnalysisVariant.Minimal => new PortugueseMinimalStemFilter(stream),
            AnalysisVariant.Rslp => new PortugueseStemFilter(stream),
            AnalysisVariant.Snowball => new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.PortugueseStemmer()),
            _ => new PortugueseLightStemFilter(stream),
        };
        return new ASCIIFoldingFilter(stream);
    }

    /// <summary>The exact chain.</summary>
    public Analyzer CreateExact() => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(source, ExactTail(SharedHead(source)));
    });

    /// <summary>
    /// One analyzer for every field: exact fields get the exact chain, root fields the RSLP chain, all others the stemmed one.
    /// </summary>
    public Analyzer CreatePerField()
    {
        var exact = CreateExact();
        var root = CreateRoot();
        return new PerFieldAnalyzerWrapper(CreateStemmed(), new Dictionary<string, Analyzer>
        {
            [IndexFields.TitleExact] = exact,
            [IndexFields.BodyExact] = exact,
            [IndexFields.TitleRoot] = root,
            [IndexFields.BodyRoot] = root,
            [IndexFields.Suggest] = CreateSuggest(),
        });
    }

    /// <summary>Completion terms: words of 3 to 40 letters, lower-cased, as "folded\u0001surface".</summary>
    public static Analyzer CreateSuggest() => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(source, SuggestTail(new LowerCaseFilter(Version, source)));
    });

    internal TokenStream WithSynonyms(TokenStream stream) =>
        _synonyms.Fst is null ? stream : new SynonymFilter(stream, _synonyms, ignoreCase: true);

    private static CharArraySet BuildStopWords()
    {
        var words = new List<string>();
        foreach (var word in PortugueseAnalyzer.DefaultStopSet)
        {
            var text = word?.ToString();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            words.Add(text);
            words.Add(TextFolding.Fold(text));
        }

        return new CharArraySet(Version, words, ignoreCase: true).AsReadOnly();
    }

    private static string ReadSynonymRules(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            return File.ReadAllText(path);
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SeedSearch.Search.default-synonyms.txt")
            ?? throw new InvalidOperationException("The built-in synonyms resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SynonymMap BuildSynonyms(string rules)
    {
        // Parse with the same tokenizer and lower-casing the chains apply before the synonym
        // filter. Accent-less copies of every rule let "uniao europeia" match "união europeia".
        var parseAnalyzer = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, new LowerCaseFilter(Version, source));
        });
        var parser = new SolrSynonymParser(dedup: true, expand: true, parseAnalyzer);
        var lines = rules.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var expanded = lines.Concat(lines.Select(TextFolding.Fold)).SelectMany(SingleTokenRules);
        using (var reader = new StringReader(string.Join('\n', expanded)))
        {
            parser.Parse(reader);
        }

        return parser.Build();
    }

    /// <summary>
    /// Rewrites an equivalence group so that no rule emits more tokens than it consumes.
    /// Lucene 4.8's SynonymFilter lays extra output tokens over the following words, which
    /// breaks phrases and highlighting ("ue" → "união europeia" would mark the next word). So
    /// single words stay mutually equivalent, and each multi-word form keeps its words and gains
    /// the single-word forms stacked on its first word ("união europeia" → + "ue").
    /// </summary>
    private static IEnumerable<string> SingleTokenRules(string line)
    {
        if (line.Contains("=>", StringComparison.Ordinal))
        {
            yield return line;
            yield break;
        }

        var terms = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var singles = terms.Where(t => !t.Contains(' ')).ToList();
        if (singles.Count > 1)
        {
            yield return string.Join(", ", singles);
        }

        if (singles.Count == 0)
        {
            yield break;
        }

        foreach (var multi in terms.Where(t => t.Contains(' ')))
        {
            yield return $"{multi} => {multi}, {string.Join(", ", singles)}";
        }
    }
}
