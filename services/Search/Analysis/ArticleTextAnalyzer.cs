using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace SeedSearch.Search.Analysis;

/// <summary>
/// Index-time analysis of a text for all its fields at once. The per-field chains share their
/// expensive start (standard tokenizer, lower case, synonyms) and differ only by filters that map
/// one token to at most one token (stopwords, stemmers, ASCII folding, completion keys). So the
/// text is tokenized once; each distinct token's forms are computed once by those same Lucene
/// filters and then looked up; and each field replays the tokens with its own form. The index is
/// the one the per-field analyzers build, posting for posting (ArticleTextAnalyzerTests).
/// </summary>
public sealed class ArticleTextAnalyzer
{
    // Distinct lower-cased tokens whose forms are kept; past this the cache starts again, so
    // memory stays bounded on an unbounded vocabulary (about 300 bytes an entry).
    private const int MaxCachedTokens = 200_000;

    private readonly Analyzer _head;
    private readonly ThreadLocal<FormChains> _chains;
    private readonly ConcurrentDictionary<string, TokenForms> _forms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenForms>.AlternateLookup<ReadOnlySpan<char>> _formsBySpan;
    private int _cached;

    internal ArticleTextAnalyzer(PortugueseAnalyzerFactory analyzers)
    {
        _head = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            var lowerCased = new TokenRecorder(PortugueseAnalyzerFactory.LowerCased(source), TokenRecorder.Stage.LowerCased);
            return new TokenStreamComponents(source, new TokenRecorder(analyzers.WithSynonyms(lowerCased), TokenRecorder.Stage.Synonyms, lowerCased));
        });
        _chains = new(() => new FormChains(analyzers));
        _formsBySpan = _forms.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Tokenizes <paramref name="text"/> once. The result replays as the stemmed, exact and root
    /// fields' tokens and gives the completion keys.
    /// </summary>
    public AnalyzedText Analyze(string text)
    {
        var analyzed = new AnalyzedText();
        var stream = (TokenRecorder)_head.GetTokenStream(string.Empty, text);
        try
        {
            stream.Target = analyzed;
            stream.Reset();
            while (stream.IncrementToken())
            {
            }

            stream.End();
            analyzed.FinalOffset = stream.FinalOffset;
        }
        finally
        {
            stream.Target = null;
            stream.Dispose();
        }

        analyzed.Resolve(this);
        return analyzed;
    }

    internal TokenForms FormsOf(ReadOnlySpan<char> token)
    {
        if (_formsBySpan.TryGetValue(token, out var forms))
        {
            return forms;
        }

        var key = token.ToString();
        forms = _chains.Value!.Compute(key);
        if (Interlocked.Increment(ref _cached) > MaxCachedTokens)
        {
            _forms.Clear();
            Interlocked.Exchange(ref _cached, 0);
        }

        return _forms.GetOrAdd(key, forms);
    }

    /// <summary>One thread's single-token copies of the field chains' tails.</summary>
    private sealed class FormChains
    {
        private readonly OneToken _stemmedSource = new();
        private readonly OneToken _rootSource = new();
        private readonly OneToken _exactSource = new();
        private readonly OneToken _suggestSource = new();
        private readonly TokenStream _stemmed;
        private readonly TokenStream _root;
        private readonly TokenStream _exact;
        private readonly TokenStream _suggest;

        public FormChains(PortugueseAnalyzerFactory analyzers)
        {
            _stemmed = analyzers.StemmedTail(_stemmedSource);
            _root = analyzers.RootTail(_rootSource);
            _exact = PortugueseAnalyzerFactory.ExactTail(_exactSource);
            _suggest = PortugueseAnalyzerFactory.SuggestTail(_suggestSource);
        }

        public TokenForms Compute(string token) => new(
            Run(_exactSource, _exact, token)!,
            Run(_stemmedSource, _stemmed, token),
            Run(_rootSource, _root, token),
            Run(_suggestSource, _suggest, token));

        // Null when the chain drops the token (a stopword, a completion key out of length).
        private static string? Run(OneToken source, TokenStream chain, string token)
        {
            source.Next = token;
            chain.Reset();
            var form = chain.IncrementToken() ? chain.GetAttribute<ICharTermAttribute>().ToString() : null;
            chain.End();
            return form;
        }
    }

    /// <summary>A token stream of one given token.</summary>
    private sealed class OneToken : TokenStream
    {
        private readonly ICharTermAttribute _term;

        public OneToken()
        {
            _term = AddAttribute<ICharTermAttribute>();
            AddAttribute<IPositionIncrementAttribute>();
            AddAttribute<IOffsetAttribute>();
        }

        public string? Next { get; set; }

        public override bool IncrementToken()
        {
            if (Next is null)
            {
                return false;
            }

            ClearAttributes();
            _term.SetEmpty().Append(Next);
            Next = null;
            return true;
        }
    }
}
