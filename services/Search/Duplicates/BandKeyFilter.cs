using System.IO.Hashing;
using System.Numerics;
using System.Text;
using Lucene.Net.Index;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Duplicates;

/// <summary>
/// A Bloom filter over the band keys the index holds. Most articles are copies of nothing, and
/// none of their keys was ever written: the filter says so without a term seek in every segment.
/// A false positive costs only those seeks; keys of deleted articles stay until it is rebuilt.
/// </summary>
internal sealed class BandKeyFilter
{
    // 12 bits and 6 probes per key: about 0.4 % false positives when full.
    private const int BitsPerKey = 12;
    private const int Probes = 6;
    private const int MinBits = 1 << 20;

    private readonly ulong[] _bits;
    private readonly ulong _mask;
    private readonly long _capacity;
    private long _keys;

    private BandKeyFilter(long expectedKeys)
    {
        var bits = BitOperations.RoundUpToPowerOf2((ulong)Math.Max(MinBits, expectedKeys * BitsPerKey));
        _bits = new ulong[bits / 64];
        _mask = bits - 1;
        _capacity = (long)(bits / BitsPerKey);
    }

    /// <summary>Whether it holds as many keys as it was sized for (past it, false positives grow).</summary>
    public bool Full => _keys >= _capacity;

    /// <summary>
    /// A filter holding every band key of <paramref name="reader"/>'s segments and of
    /// <paramref name="pending"/>, sized for twice as many.
    /// </summary>
    public static BandKeyFilter Build(IndexReader reader, IEnumerable<string> pending)
    {
        long held = 0;
        foreach (var leaf in reader.Leaves)
        {
            held += Math.Max(0, leaf.AtomicReader.GetTerms(IndexFields.DuplicateBands)?.Count ?? 0);
        }

        var filter = new BandKeyFilter(Math.Max(held, reader.MaxDoc * (long)TextSignature.Bands) * 2);
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(IndexFields.DuplicateBands)?.GetEnumerator();
            while (terms is not null && terms.MoveNext())
            {
                filter.Add(terms.Term.Bytes.AsSpan(terms.Term.Offset, terms.Term.Length));
            }
        }

        foreach (var key in pending)
        {
            filter.Add(key);
        }

        return filter;
    }

    /// <summary>Notes a key written.</summary>
    public void Add(string key) => Add(Utf8(key, stackalloc byte[64]));

    /// <summary>False when the key is surely in no document; true when it may be.</summary>
    public bool MayContain(string key)
    {
        var (h1, h2) = Hash(Utf8(key, stackalloc byte[64]));
        for (var i = 0; i < Probes; i++)
        {
            var bit = (h1 + (ulong)i * h2) & _mask;
            if ((_bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Add(ReadOnlySpan<byte> key)
    {
        var (h1, h2) = Hash(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (h1 + (ulong)i * h2) & _mask;
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        _keys++;
    }

    // Two hashes from one (Kirsch–Mitzenmacher): probe i is h1 + i·h2; h2 odd so probes differ.
    private static (ulong, ulong) Hash(ReadOnlySpan<byte> key)
    {
        var hash = XxHash3.HashToUInt64(key);
        return (hash, (hash >> 32 | hash << 32) | 1);
    }

    // Keys are short ASCII: their UTF-8 bytes, as the index holds them.
    private static ReadOnlySpan<byte> Utf8(string key, Span<byte> buffer) =>
        buffer[..Encoding.UTF8.GetBytes(key, buffer)];
}
