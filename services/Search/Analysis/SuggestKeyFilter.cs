using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SeedSearch.Search.Analysis;

/// <summary>Rewrites each lower-cased token into its completion term (see <see cref="SuggestKeys"/>).</summary>
public sealed class SuggestKeyFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public SuggestKeyFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var key = SuggestKeys.Key(_term.ToString());
        _term.SetEmpty().Append(key);
        return true;
    }
}
