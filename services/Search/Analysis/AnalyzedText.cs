using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SeedSearch.Search.Analysis;

/// <summary>
/// A text tokenized once by <see cref="ArticleTextAnalyzer"/>, replayed as each field's tokens
/// into a <see cref="FieldTokens"/> kept for reuse (creating a stream's attributes costs more than
/// replaying a text).
/// </summary>
public sealed class AnalyzedText
{
    private readonly TokenList _lowerCased = new();
    private readonly TokenList _synonyms = new();

    internal int FinalOffset { get; set; }

    /// <summary>
    /// The distinct completion keys of <paramref name="texts"/>, into <paramref name="stream"/>, which
    /// is returned. The completion field indexes documents only (no frequencies, positions or
    /// norms), so a key said twice adds nothing.
    /// </summary>
    internal static KeyTokens Completions(KeyTokens stream, params AnalyzedText[] texts)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var forms in text._lowerCased.Forms())
            {
                if (forms.Suggest is { } key)
                {
                    keys.Add(key);
                }
            }
        }

        stream.Replay(keys);
        return stream;
    }

    /// <summary>This text's <paramref name="form"/> of each token, into <paramref name="stream"/>, which is returned.</summary>
    internal FieldTokens Replay(FieldTokens stream, TokenForm form)
    {
        stream.Replay(_synonyms, form, FinalOffset);
        return stream;
    }

    internal TokenList ListOf(TokenRecorder.Stage stage) => stage == TokenRecorder.Stage.LowerCased ? _lowerCased : _synonyms;

    internal void Resolve(ArticleTextAnalyzer analyzer)
    {
        _lowerCased.Resolve(analyzer);
        _synonyms.Resolve(analyzer);
    }

    internal enum TokenForm
    {
        Stemmed,
        Exact,
        Root,
    }

    /// <summary>Tokens as recorded: term characters, position increments, offsets, then their forms.</summary>
    internal sealed class TokenList
    {
        private char[] _chars = new char[1024];
        private int _charCount;
        private int[] _termEnds = new int[64];
        private int[] _increments = new int[64];
        private int[] _starts = new int[64];
        private int[] _ends = new int[64];
        private TokenForms[] _forms = [];

        public int Count { get; private set; }

        public void Add(ICharTermAttribute term, int increment, int start, int end)
        {
            if (Count == _termEnds.Length)
            {
                var size = Count * 2;
                Array.Resize(ref _termEnds, size);
                Array.Resize(ref _increments, size);
                Array.Resize(ref _starts, size);
                Array.Resize(ref _ends, size);
            }

            if (_charCount + term.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + term.Length));
            }

            Array.Copy(term.Buffer, 0, _chars, _charCount, term.Length);
            _charCount += term.Length;
            _termEnds[Count] = _charCount;
            _increments[Count] = increment;
            _starts[Count] = start;
            _ends[Count] = end;
            Count++;
        }

        public void Resolve(ArticleTextAnalyzer analyzer)
        {
            _forms = new TokenForms[Count];
            var from = 0;
            for (var i = 0; i < Count; i++)
            {
                _forms[i] = analyzer.FormsOf(_chars.AsSpan(from, _termEnds[i] - from));
                from = _termEnds[i];
            }

            // The characters are no longer needed: the forms hold the terms.
            _chars = [];
        }

        public IEnumerable<TokenForms> Forms() => _forms;

        public TokenForms FormsAt(int i) => _forms[i];

        public int IncrementAt(int i) => _increments[i];

        public int StartAt(int i) => _starts[i];

        public int EndAt(int i) => _ends[i];
    }

    /// <summary>One field's replay: the chosen form of each token; dropped tokens pass their positions on, as StopFilter does.</summary>
    internal sealed class FieldTokens : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private readonly IOffsetAttribute _offset;
        private TokenList _tokens = new();
        private TokenForm _form;
        private int _finalOffset;
        private int _next;
        private int _skipped;

        public FieldTokens()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public void Replay(TokenList tokens, TokenForm form, int finalOffset)
        {
            _tokens = tokens;
            _form = form;
            _finalOffset = finalOffset;
            _next = 0;
            _skipped = 0;
        }

        public override bool IncrementToken()
        {
            while (_next < _tokens.Count)
            {
                var i = _next++;
                var forms = _tokens.FormsAt(i);
                var text = _form switch
                {
                    TokenForm.Stemmed => forms.Stemmed,
                    TokenForm.Root => forms.Root,
                    _ => forms.Exact,
                };
                if (text is null)
                {
                    _skipped += _tokens.IncrementAt(i);
                    continue;
                }

                ClearAttributes();
                _term.SetEmpty().Append(text);
                _increment.PositionIncrement = _tokens.IncrementAt(i) + _skipped;
                _skipped = 0;
                _offset.SetOffset(_tokens.StartAt(i), _tokens.EndAt(i));
                return true;
            }

            return false;
        }

        public override void End()
        {
            base.End();
            _increment.PositionIncrement = _skipped;
            _offset.SetOffset(_finalOffset, _finalOffset);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
            _skipped = 0;
        }
    }

    /// <summary>A stream of given terms.</summary>
    internal sealed class KeyTokens : TokenStream
    {
        private readonly List<string> _keys = [];
        private readonly ICharTermAttribute _term;
        private int _next;

        public KeyTokens()
        {
            _term = AddAttribute<ICharTermAttribute>();
            AddAttribute<IPositionIncrementAttribute>();
        }

        public void Replay(IEnumerable<string> keys)
        {
            _keys.Clear();
            _keys.AddRange(keys);
            _next = 0;
        }

        public override bool IncrementToken()
        {
            if (_next == _keys.Count)
            {
                return false;
            }

            ClearAttributes();
            _term.SetEmpty().Append(_keys[_next++]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
