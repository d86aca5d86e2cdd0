using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.QueryParsers.Simple;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Turns search-box text into a Lucene query over the stemmed and exact fields. Built on
/// <see cref="SimpleQueryParser"/>, which never throws on malformed input: unbalanced quotes
/// or parentheses and stray operators are read as plain text.
/// </summary>
/// <remarks>
/// Syntax: words are OR-ed and ranked; <c>"…"</c> is a phrase; <c>+word</c> requires and
/// <c>-word</c> excludes; <c>word*</c> is a prefix and <c>word~1</c> a fuzzy match (both on the
/// exact fields, after the same lower-casing and accent folding as indexing); <c>|</c> and
/// parentheses group. Field syntax (<c>title:x</c>) is not supported and is read as words.
/// </remarks>
public sealed class ArticleQueryParser
{
    /// <summary>Shortest prefix that is expanded; shorter ones would match most of the index.</summary>
    public const int MinPrefixLength = 2;

    private readonly Analyzer _analyzer;
    private readonly Analyzer _exact;
    private readonly Dictionary<string, float> _weights;
    private readonly RankingOptions _ranking;
    private readonly Func<string, bool> _isStopWord;

    /// <summary>Creates a parser with the index's own analysis chains and the ranking settings.</summary>
    public ArticleQueryParser(PortugueseAnalyzerFactory analyzers, RankingOptions? ranking = null)
    {
        _ranking = ranking ?? new RankingOptions();
        _isStopWord = analyzers.IsStopWord;
        _analyzer = analyzers.CreatePerField();
        _exact = analyzers.CreateExact();

        // Exact matches score on top of stemmed ones, like Elasticsearch's preserve_original.
        _weights = new Dictionary<string, float>
        {
            [IndexFields.Title] = _ranking.TitleWeight,
            [IndexFields.Body] = _ranking.BodyWeight,
        };
        if (analyzers.UsesExactFields)
        {
            _weights[IndexFields.TitleExact] = _ranking.TitleExactWeight;
            _weights[IndexFields.BodyExact] = _ranking.BodyExactWeight;
        }

        if (analyzers.UsesRootFields)
        {
            _weights[IndexFields.TitleRoot] = _ranking.TitleRootWeight;
            _weights[IndexFields.BodyRoot] = _ranking.BodyRootWeight;
        }
    }

    /// <summary>
    /// Parses search-box text; returns null when it holds nothing searchable. A word for which
    /// <paramref name="isKnownTerm"/> says false (no article has it) also matches its spelling
    /// neighbours (fuzzy, at a lower weight, so exact matches still rank first).
    /// </summary>
    public Query? Parse(string text, Func<string, bool>? isKnownTerm = null)
    {
        // A new parser per call: SimpleQueryParser keeps per-parse state.
        var parser = new FoldingParser(_analyzer, _exact, _weights, _ranking.TieBreaker, _ranking.TypoWeight, isKnownTerm, _isStopWord) { DefaultOperator = Occur.SHOULD };
        var query = parser.Parse(text);
        if (query is null or BooleanQuery { Clauses.Count: 0 })
        {
            // Only stopwords ("de", "o que"): search them after all, in the exact fields.
            parser = new FoldingParser(_analyzer, _exact, _weights, _ranking.TieBreaker, _ranking.TypoWeight, isKnownTerm, _ => false) { DefaultOperator = Occur.SHOULD };
            query = parser.Parse(text);
        }

        if (query is null or BooleanQuery { Clauses.Count: 0 })
        {
            return null;
        }

        query = WithExclusions(query);
        return _ranking.ProximityWeight > 0 ? WithProximity(query, text, parser) : query;
    }

    // SimpleQueryParser turns "-word" into an optional "(*:* -word)" clause, so with OR-ed words
    // "otan -chinesas" matched every article without "chinesas" and every article with "otan"
    // (Elasticsearch's simple_query_string does the same). Next to other words, it excludes.
    private static Query WithExclusions(Query query)
    {
        if (query is not BooleanQuery top
            || !top.Clauses.Any(c => c.Occur == Occur.SHOULD && IsNegation(c.Query))
            || !top.Clauses.Any(c => c.Occur != Occur.MUST_NOT && !IsNegation(c.Query)))
        {
            return query;
        }

        var result = new BooleanQuery(top.CoordDisabled) { Boost = top.Boost, MinimumNumberShouldMatch = top.MinimumNumberShouldMatch };
        foreach (var clause in top.Clauses)
        {
            if (clause.Occur == Occur.SHOULD && IsNegation(clause.Query))
            {
                foreach (var excluded in ((BooleanQuery)clause.Query).Clauses.Where(c => c.Occur == Occur.MUST_NOT))
                {
                    result.Add(excluded.Query, Occur.MUST_NOT);
                }
            }
            else
            {
                result.Add(clause);
            }
        }

        return result;
    }

    private static bool IsNegation(Query query) => query is BooleanQuery negation
        && negation.Clauses.Any(c => c.Occur == Occur.MUST_NOT)
        && negation.Clauses.All(c => c.Occur == Occur.MUST_NOT || c.Query is MatchAllDocsQuery);

    // Documents where the words stand close together get extra score; matching is unchanged.
    private Query WithProximity(Query query, string text, FoldingParser parser)
    {
        var words = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(c => char.IsLetterOrDigit(c) || c == '-')));
        var proximity = new BooleanQuery(disableCoord: true);
        foreach (var field in new[] { IndexFields.Title, IndexFields.Body })
        {
            if (parser.Phrase(field, words, _ranking.ProximitySlop) is PhraseQuery phrase && phrase.GetTerms().Length > 1)
            {
                phrase.Boost = _ranking.ProximityWeight * _weights[field];
                proximity.Add(phrase, Occur.SHOULD);
            }
        }

        if (proximity.Clauses.Count == 0)
        {
            return query;
        }

        return new BooleanQuery(disableCoord: true) { { query, Occur.MUST }, { proximity, Occur.SHOULD } };
    }

    /// <summary>
    /// Parses full Lucene syntax over the same fields and weights. Throws
    /// <see cref="ParseException"/> (with the position) on a syntax error.
    /// </summary>
    public Query ParseLucene(string text)
    {
        var parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, [.. _weights.Keys], _analyzer, _weights)
        {
            DefaultOperator = Lucene.Net.QueryParsers.Classic.Operator.OR,
            AllowLeadingWildcard = false,
        };
        return parser.Parse(text);
    }

    /// <summary>The exact-chain form of a single word ("Exchnage" → "exchnage"), or null.</summary>
    public string? FoldWord(string word) => FirstToken(_exact, word);

    private static string? FirstToken(Analyzer exact, string text)
    {
        using var stream = exact.GetTokenStream(IndexFields.BodyExact, text);
        var attribute = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        string? first = null;
        if (stream.IncrementToken())
        {
            first = attribute.ToString();
        }

        stream.End();
        return first;
    }

    private sealed class FoldingParser(Analyzer analyzer, Analyzer exact, Dictionary<string, float> weights, float tieBreaker,
        float typoWeight, Func<string, bool>? isKnownTerm, Func<string, bool> isStopWord)
        : SimpleQueryParser(analyzer, weights)
    {
        private const int MinTypoLength = 4;

        public Query? Phrase(string field, string text, int slop) => CreatePhraseQuery(field, text, slop);

        // Each word scores by its best field plus a fraction (tieBreaker) of the others: 0 is
        // Elasticsearch's best_fields, 1 (the default) its most_fields. The coordination factor
        // keeps a word repeated in title and body from outweighing more of the query's words.
        protected override Query? NewDefaultQuery(string text)
        {
            // A stopword outside a phrase carries no meaning ("Como", "o que"); matching it in
            // the exact fields would only reward documents for containing common words.
            if (isStopWord(text))
            {
                return null;
            }

            var query = BestField(field => CreateBooleanQuery(field, text, DefaultOperator));
            if (isKnownTerm is null || FoldSingleTerm(text) is not { Length: >= MinTypoLength } term || isKnownTerm(term))
            {
                return query;
            }

            // An unknown word is probably misspelled: also match index words one or two edits away.
            var edits = term.Length >= 8 ? 2 : 1;
            var typo = ExactFieldsQuery(field => new FuzzyQuery(new Term(field, term), edits, prefixLength: 1));
            typo.Boost = typoWeight;
            query ??= new DisjunctionMaxQuery(tieBreaker);
            query.Add(typo);
            return query;
        }

        protected override Query? NewPhraseQuery(string text, int slop) =>
            BestField(field => CreatePhraseQuery(field, text, slop));

        private DisjunctionMaxQuery? BestField(Func<string, Query?> create)
        {
            var query = new DisjunctionMaxQuery(tieBreaker);
            var count = 0;
            foreach (var (field, weight) in weights)
            {
                var clause = create(field);
                if (clause is null)
                {
                    continue;
                }

                clause.Boost = weight;
                query.Add(clause);
                count++;
            }

            return count == 0 ? null : query;
        }
        protected override Query? NewPrefixQuery(string text)
        {
            var term = FoldSingleTerm(text);
            if (term is null || term.Length < MinPrefixLength)
            {
                return null;
            }

            return ExactFieldsQuery(field => new PrefixQuery(new Term(field, term)));
        }

        protected override Query? NewFuzzyQuery(string text, int fuzziness)
        {
            var term = FoldSingleTerm(text);
            if (term is null)
            {
                return null;
            }

            var edits = Math.Clamp(fuzziness, 0, 2);
            return ExactFieldsQuery(field => new FuzzyQuery(new Term(field, term), edits));
        }

        private BooleanQuery ExactFieldsQuery(Func<string, Query> create)
        {
            var query = new BooleanQuery(disableCoord: true);
            foreach (var field in new[] { IndexFields.TitleExact, IndexFields.BodyExact })
            {
                var clause = create(field);
                clause.Boost = weights.GetValueOrDefault(field, 1f);
                query.Add(clause, Occur.SHOULD);
            }

            return query;
        }

        // Prefix and fuzzy terms bypass analysis in Lucene; run them through the exact chain so
        // "Vacina*" and "ciberespaço~1" match the folded, lower-cased index terms.
        private string? FoldSingleTerm(string text) => FirstToken(exact, text);
    }
}
