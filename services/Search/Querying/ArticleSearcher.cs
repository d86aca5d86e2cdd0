using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Watching;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.Text;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Answers search and completion requests: validates them, parses the query, builds filters,
/// pages through the index, highlights each hit and proposes a better spelling. Invalid
/// requests raise <see cref="RequestValidationException"/>.
/// </summary>
public sealed class ArticleSearcher
{
    /// <summary>Most values accepted in one of the <c>sources</c>/<c>tags</c> filters.</summary>
    public const int MaxFilterValues = 100;

    /// <summary>Most completions returned by <see cref="Suggest"/>.</summary>
    public const int MaxSuggestions = 50;

    private const int MinSpellCheckLength = 4;

    private readonly ArticleIndex _index;
    private readonly ArticleQueryParser _parser;
    private readonly SnippetHighlighter _highlighter;
    private readonly RelevanceFeedback? _feedback;
    private readonly QueryOptions _options;

    /// <summary>Creates the searcher over <paramref name="index"/>.</summary>
    public ArticleSearcher(ArticleIndex index, PortugueseAnalyzerFactory analyzers, IOptions<QueryOptions> options,
        IOptions<RankingOptions>? ranking = null)
    {
        _index = index;
        _options = options.Value;
        _parser = new ArticleQueryParser(analyzers, ranking?.Value);
        _highlighter = new SnippetHighlighter(analyzers, _options.SnippetLength);
        var feedback = new RelevanceFeedback(analyzers, ranking?.Value ?? new RankingOptions());
        _feedback = feedback.Enabled ? feedback : null;
    }

    /// <summary>Runs one page of a search; the whole answer comes from one index snapshot.</summary>
    public SearchResult Search(SearchQuery request)
    {
        var text = request.Text ?? string.Empty;
        var pageSize = request.PageSize == 0 ? _options.DefaultPageSize : request.PageSize;
        var cursor = Validate(request, text, pageSize);
        using var lease = _index.Acquire(cursor);
        var query = Parse(lease, text, request.Syntax);
        var filter = BuildFilter(request);
        // Feedback words come from the top hits of the page's own snapshot, so every page of a walk runs the same query.
        var scoring = UsesFeedback(request, text) ? _feedback!.Expand(lease.Searcher, query, filter) : query;
        var page = _index.Pages.Run(lease, new IndexSearchRequest(scoring, filter, request.Sort, pageSize, CountFacets: true, _options.TimeBudget,
            _options.ExactTotalHits, CollapseCopies: !request.IncludeCopies), cursor);
        var highlight = HighlightExpansion.Expand(query, lease.Reader);
        var hits = new SearchHitResult[page.Hits.Count];
        void Highlight(int i)
        {
            var hit = page.Hits[i];
            hits[i] = new SearchHitResult(hit.Article, hit.Score, _highlighter.Highlight(highlight, hit.Article.Body),
                _highlighter.HighlightTitle(highlight, hit.Article.Title)) { Copies = hit.Copies, CopyCount = hit.CopyCount };
        }

        if (_options.SnippetParallelism > 1 && hits.Length > 1)
        {
            // Like a parallel fetch phase; the calling thread takes part.
            Parallel.For(0, hits.Length, new ParallelOptions { MaxDegreeOfParallelism = _options.SnippetParallelism }, Highlight);
        }
        else
        {
            for (var i = 0; i < hits.Length; i++)
            {
                Highlight(i);
            }
        }

        var next = page.Next is null ? string.Empty : PageTokenCodec.Encode(page.Next, request.Key(pageSize));
        var suggestion = cursor is null && request.Syntax == QuerySyntax.Simple ? SpellingSuggestion(lease, text, filter) : string.Empty;
        return new SearchResult(page.TotalHits, hits, next, suggestion, page.Facets, page.Partial, page.TotalHitsExact);
    }

    /// <summary>
    /// Validates and parses <paramref name="request"/> as a standing query: the same syntax,
    /// limits and filters as <see cref="Search"/>, without typo tolerance (which depends on the
    /// words the index holds at one moment).
    /// </summary>
    public StandingQuery Compile(SearchQuery request)
    {
        var text = request.Text ?? string.Empty;
        Validate(request with { PageSize = 0, PageToken = string.Empty }, text, _options.DefaultPageSize);
        var query = request.Syntax == QuerySyntax.Lucene
            ? ParseLucene(text)
            : _parser.Parse(text) ?? throw new RequestValidationException("query", "contains no searchable words (letters or digits)");
        return new StandingQuery(query, request.PublishedAfter, request.PublishedBefore, request.Sources ?? [], request.Tags ?? []);
    }

    /// <summary>
    /// Completes the last word of <paramref name="prefix"/> (accent-insensitive, with accents
    /// restored from the index) and matches known titles, most frequent first.
    /// </summary>
    public IReadOnlyList<Completion> Suggest(string prefix, int limit)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(prefix))
        {
            errors.Add(new("prefix", "must not be empty"));
        }
        else if (prefix.Length > _options.MaxQueryLength)
        {
            errors.Add(new("prefix", $"must be at most {_options.MaxQueryLength} characters (got {prefix.Length})"));
        }

        if (limit < 0 || limit > MaxSuggestions)
        {
            errors.Add(new("limit", $"must be between 0 and {MaxSuggestions} (got {limit})"));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        limit = limit == 0 ? 10 : limit;
        var typed = prefix.TrimStart();
        var lastSpace = typed.LastIndexOf(' ');
        var head = typed[..(lastSpace + 1)];
        var lastWord = TextFolding.Fold(typed[(lastSpace + 1)..]);

        using var lease = _index.Acquire();
        var words = lastWord.Length == 0 ? [] : TermLookups.TermsWithPrefix(lease, IndexFields.Suggest, lastWord)
            .GroupBy(t => SuggestKeys.Folded(t.Key))
            .Select(g => new Completion(head + SuggestKeys.Surface(g.MaxBy(t => t.Value).Key), g.Sum(t => (long)t.Value)));
        var titles = TermLookups.TermsWithPrefix(lease, IndexFields.TitleKey, TextFolding.Fold(typed.Trim()))
            .Select(t => new Completion(SuggestKeys.Surface(t.Key), t.Value));
        return words.Concat(titles)
            .OrderByDescending(c => c.DocumentCount)
            .ThenBy(c => c.Text.Length)
            .DistinctBy(c => c.Text)
            .Take(limit)
            .ToList();
    }

    private SearchCursor? Validate(SearchQuery request, string text, int pageSize)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("query", "must not be empty"));
        }
        else if (text.Length > _options.MaxQueryLength)
        {
            errors.Add(new("query", $"must be at most {_options.MaxQueryLength} characters (got {text.Length})"));
        }
        else if (text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: var words } && words > _options.MaxQueryWords)
        {
            errors.Add(new("query", $"must have at most {_options.MaxQueryWords} words (got {words})"));
        }

        if (request.PageSize < 0 || request.PageSize > _options.MaxPageSize)
        {
            errors.Add(new("page_size", $"must be between 0 and {_options.MaxPageSize} (got {request.PageSize})"));
        }

        if (request.PublishedAfter is { } after && request.PublishedBefore is { } before && after >= before)
        {
            errors.Add(new("published_after", "must be earlier than published_before"));
        }

        ValidateValues(errors, "sources", request.Sources);
        ValidateValues(errors, "tags", request.Tags);

        SearchCursor? cursor = null;
        if (!string.IsNullOrEmpty(request.PageToken) && errors.Count == 0
            && !PageTokenCodec.TryDecode(request.PageToken, request.Key(pageSize), out cursor, out var tokenError))
        {
            errors.Add(new("page_token", tokenError));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return cursor;
    }

    private static void ValidateValues(List<FieldError> errors, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > MaxFilterValues)
        {
            errors.Add(new(field, $"must have at most {MaxFilterValues} values (got {values.Count})"));
        }

        var empty = values.ToList().FindIndex(string.IsNullOrWhiteSpace);
        if (empty >= 0)
        {
            errors.Add(new($"{field}[{empty}]", "must not be empty"));
        }
    }

    private Query Parse(IndexLease lease, string text, QuerySyntax syntax)
    {
        if (syntax == QuerySyntax.Lucene)
        {
            return ParseLucene(text);
        }

        return _parser.Parse(text, term => IsKnownTerm(lease, term))
            ?? throw new RequestValidationException("query", "contains no searchable words (letters or digits)");
    }

    private Query ParseLucene(string text)
    {
        try
        {
            return _parser.ParseLucene(text);
        }
        catch (ParseException ex)
        {
            throw new RequestValidationException("query", $"syntax error: {ex.Message}");
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            throw new RequestValidationException("query", "expands to too many terms");
        }
        catch (ArgumentException ex)
        {
            // A malformed /regular expression/ is reported by Lucene's RegExp as an ArgumentException.
            throw new RequestValidationException("query", $"syntax error: {ex.Message}");
        }
        catch (OverflowException)
        {
            // RegExp parses a repetition count (/a{99999999999}/) as an int and overflows.
            throw new RequestValidationException("query", "syntax error: a repetition count in a regular expression is too large");
        }
    }

    private bool UsesFeedback(SearchQuery request, string text) =>
        _feedback is not null && request.Sort == IndexSort.Relevance && request.Syntax == QuerySyntax.Simple
        && _feedback.Applies(text);

    private static bool IsKnownTerm(IndexLease lease, string term) =>
        TermLookups.DocFrequency(lease, term, IndexFields.BodyExact, IndexFields.TitleExact) > 0;

    private static Query? BuildFilter(SearchQuery request)
    {
        var filter = new BooleanQuery();
        if (request.PublishedAfter is not null || request.PublishedBefore is not null)
        {
            filter.Add(NumericRangeQuery.NewInt64Range(IndexFields.PublishedAt,
                request.PublishedAfter?.ToUnixTimeMilliseconds(), request.PublishedBefore?.ToUnixTimeMilliseconds(),
                minInclusive: true, maxInclusive: false), Occur.MUST);
        }

        AddAnyOf(filter, IndexFields.Source, request.Sources);
        AddAnyOf(filter, IndexFields.Tags, request.Tags);
        return filter.Clauses.Count == 0 ? null : filter;
    }

    private static void AddAnyOf(BooleanQuery filter, string field, IReadOnlyList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        var anyOf = new BooleanQuery();
        foreach (var value in values)
        {
            anyOf.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        filter.Add(anyOf, Occur.MUST);
    }

    /// <summary>
    /// Replaces each word that no article contains by its most frequent spelling neighbour and
    /// proposes the result when it finds more articles than the words as typed (without typo
    /// tolerance) do: "você quis dizer".
    /// </summary>
    private string SpellingSuggestion(IndexLease lease, string text, Query? filter)
    {
        var changed = false;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.Length < MinSpellCheckLength || word.Any(c => "\"*~+-|()\\".Contains(c)) || _parser.FoldWord(word) is not { } folded
                || folded.Length < MinSpellCheckLength || IsKnownTerm(lease, folded))
            {
                continue;
            }

            var best = TermLookups.SimilarTerms(lease, IndexFields.BodyExact, folded, maxEdits: 2, limit: 1);
            if (best.Count == 0)
            {
                continue;
            }

            // Show the word as articles spell it (accents included), not as the folded index term.
            var surfaces = TermLookups.TermsWithPrefix(lease, IndexFields.Suggest, best[0].Key + SuggestKeys.Separator);
            var replacement = surfaces.Count > 0 ? SuggestKeys.Surface(surfaces.MaxBy(s => s.Value).Key) : best[0].Key;
            words[i] = char.IsUpper(word[0]) ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement;
            changed = true;
        }

        if (!changed)
        {
            return string.Empty;
        }

        var suggestion = string.Join(' ', words);
        return Count(lease, _parser.Parse(suggestion), filter) > Count(lease, _parser.Parse(text), filter) ? suggestion : string.Empty;
    }

    // Hit counts within the filter, not term statistics: a suggestion must find more articles where the user looks.
    private long Count(IndexLease lease, Query? query, Query? filter) => query is null ? 0 : _index.Pages.Count(lease, query, filter);
}
