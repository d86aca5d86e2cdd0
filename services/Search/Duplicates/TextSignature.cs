using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using SeedSearch.Text;

namespace SeedSearch.Search.Duplicates;

/// <summary>
/// A MinHash signature of an article's words: the minimum of <see cref="Size"/> hash functions
/// over its overlapping word shingles, so the share of equal positions in two signatures
/// estimates the Jaccard similarity of their shingle sets. Banded (locality-sensitive hashing),
/// it gives keys that two near-copies almost surely share and two different stories rarely do.
/// </summary>
public sealed class TextSignature
{
    /// <summary>Hash functions (positions) in a signature.</summary>
    public const int Size = 64;

    /// <summary>Positions per band: a pair shares a band key with probability J^4 per band.</summary>
    public const int Rows = 4;

    /// <summary>Band keys per signature (16: a pair at J = 0.7 shares one with probability 0.99).</summary>
    public const int Bands = Size / Rows;

    /// <summary>Words per shingle: a changed word alters this many shingles.</summary>
    public const int ShingleWords = 4;

    private const int MaxWordChars = 64;

    // Stands for a character that folding drops (a combining accent).
    private const char Mark = '\uFFFF';

    // Each position's hash function: an odd multiplier and an addend, fixed for all time (they are
    // part of the stored signatures).
    private static readonly ulong[] Multipliers = [.. Enumerable.Range(0, Size).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL + 1) | 1)];
    private static readonly ulong[] Addends = [.. Enumerable.Range(0, Size).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL + 2))];
    private static readonly char[] FoldTable = BuildFoldTable();

    private readonly uint[] _minimums;

    private TextSignature(uint[] minimums) => _minimums = minimums;

    /// <summary>
    /// The signature of <paramref name="text"/> (case and accents folded, punctuation ignored), or
    /// null when it has fewer than <paramref name="minWords"/> words: short texts share too much
    /// by chance to call copies.
    /// </summary>
    public static TextSignature? Of(string text, int minWords)
    {
        var words = WordHashes(text);
        if (words.Count < Math.Max(minWords, ShingleWords))
        {
            return null;
        }

        var minimums = new uint[Size];
        Array.Fill(minimums, uint.MaxValue);
        for (var start = 0; start + ShingleWords <= words.Count; start++)
        {
            // The shingle's hash: its words' hashes, each rotated by its place so order counts.
            var hash = Mix(words[start] ^ BitOperations.RotateLeft(words[start + 1], 17)
                ^ BitOperations.RotateLeft(words[start + 2], 31) ^ BitOperations.RotateLeft(words[start + 3], 47));
            for (var i = 0; i < Size; i++)
            {
                // Position i's hash function: multiply-add-shift with its own odd multiplier.
                var value = (uint)((hash * Multipliers[i] + Addends[i]) >> 32);
                if (value < minimums[i])
                {
                    minimums[i] = value;
                }
            }
        }

        return new TextSignature(minimums);
    }

    /// <summary>The stored form: the low 16 bits of each position (a chance match costs 1/65,536 per position).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size * 2];
        for (var i = 0; i < Size; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)_minimums[i]);
        }

        return bytes;
    }

    /// <summary>Estimated Jaccard similarity of two stored signatures (0 when either is not one).</summary>
    public static double Similarity(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != Size * 2 || b.Length != Size * 2)
        {
            return 0;
        }

        var equal = 0;
        for (var i = 0; i < Size * 2; i += 2)
        {
            equal += a[i] == b[i] && a[i + 1] == b[i + 1] ? 1 : 0;
        }

        return (double)equal / Size;
    }

    /// <summary>One key per band: the band's number and a hash of its positions.</summary>
    public IReadOnlyList<string> BandKeys()
    {
        var keys = new string[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(_minimums.AsSpan(band * Rows, Rows)), band);
            keys[band] = $"{band:x}{hash & 0xFFFF_FFFF_FFFF:x12}";
        }

        return keys;
    }

    // SplitMix64's finaliser: a cheap bijection that spreads every input bit over the output.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // The text's words (runs of letters and digits, folded as TextFolding folds them) as 64-bit
    // hashes, read in one pass without copying the text.
    private static List<ulong> WordHashes(string text)
    {
        var hashes = new List<ulong>(text.Length / 6);
        Span<char> word = stackalloc char[MaxWordChars];
        var length = 0;
        foreach (var c in text)
        {
            var folded = Fold(c);
            if (folded == Mark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(folded))
            {
                // A longer word is told apart by its first MaxWordChars characters.
                if (length < MaxWordChars)
                {
                    word[length++] = folded;
                }
            }
            else if (length > 0)
            {
                hashes.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word[..length])));
                length = 0;
            }
        }

        if (length > 0)
        {
            hashes.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word[..length])));
        }

        return hashes;
    }

    private static char Fold(char c) => c < FoldTable.Length ? FoldTable[c]
        : CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark ? Mark : char.ToLowerInvariant(c);

    // Latin letters up to U+024F folded once (TextFolding's rules: lower case, accents dropped);
    // combining marks are dropped wherever they are.
    private static char[] BuildFoldTable()
    {
        var table = new char[0x250];
        for (var c = 0; c < table.Length; c++)
        {
            var folded = TextFolding.Fold(((char)c).ToString());
            table[c] = folded.Length == 1 ? folded[0] : folded.Length == 0 ? Mark : char.ToLowerInvariant((char)c);
        }

        return table;
    }
}
