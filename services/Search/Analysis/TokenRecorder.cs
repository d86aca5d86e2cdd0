using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SeedSearch.Search.Analysis;

/// <summary>Passes tokens through unchanged and writes each into the current <see cref="AnalyzedText"/>.</summary>
internal sealed class TokenRecorder : TokenFilter
{
    private readonly Stage _stage;
    private readonly TokenRecorder? _inner;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;

    /// <param name="input">The stream recorded.</param>
    /// <param name="stage">Which of the text's token lists it writes.</param>
    /// <param name="inner">A recorder earlier in the same chain, which <see cref="Target"/> reaches too.</param>
    public TokenRecorder(TokenStream input, Stage stage, TokenRecorder? inner = null) : base(input)
    {
        _stage = stage;
        _inner = inner;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public enum Stage
    {
        LowerCased,
        Synonyms,
    }

    /// <summary>Where tokens go; null between texts.</summary>
    public AnalyzedText? Target
    {
        get;
        set
        {
            field = value;
            _inner?.Target = value;
        }
    }

    /// <summary>The text's final offset, once the stream has ended.</summary>
    public int FinalOffset => _offset.EndOffset;

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        Target?.ListOf(_stage).Add(_term, _increment.PositionIncrement, _offset.StartOffset, _offset.EndOffset);
        return true;
    }
}
