using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Encodes a <see cref="SearchCursor"/> as an opaque URL-safe token bound to the request it was
/// issued for, so a token replayed with another query, filter or order is rejected instead of
/// returning a wrong page.
/// </summary>
public static class PageTokenCodec
{
    private const byte FormatVersion = 1;
    private const int Length = 1 + 8 + 4 + 4 + 4 + 8 + 4;

    /// <summary>Encodes the cursor for a request, identified by its key (query, page size, filters, order).</summary>
    public static string Encode(SearchCursor cursor, string requestKey)
    {
        Span<byte> buffer = stackalloc byte[Length];
        buffer[0] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[1..], cursor.SearcherVersion);
        BinaryPrimitives.WriteSingleLittleEndian(buffer[9..], cursor.Score);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[13..], cursor.DocId);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[17..], cursor.Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[21..], Fingerprint(requestKey));
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[29..], Checksum(buffer[..29]));
        return WebEncoders.Base64UrlEncode(buffer);
    }

    /// <summary>
    /// Decodes a token. Returns false with a reason when it is malformed, corrupted, or was
    /// issued for another request (query, page size, filters or order).
    /// </summary>
    public static bool TryDecode(string token, string requestKey, out SearchCursor? cursor, out string error)
    {
        cursor = null;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            error = "is not a page token issued by this service";
            return false;
        }

        if (bytes.Length != Length || bytes[0] != FormatVersion
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(29)) != Checksum(bytes.AsSpan(0, 29)))
        {
            error = "is not a page token issued by this service";
            return false;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(21)) != Fingerprint(requestKey))
        {
            error = "was issued for a different query, page_size, filter or sort";
            return false;
        }

        var offset = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(17));
        var docId = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(13));
        if (offset <= 0 || docId < 0)
        {
            error = "is not a page token issued by this service";
            return false;
        }

        cursor = new SearchCursor(
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(1)),
            BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(9)),
            docId,
            offset);
        error = string.Empty;
        return true;
    }

    private static ulong Fingerprint(string requestKey) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(requestKey)));

    // Detects truncated or edited tokens; not a security boundary (tokens carry no secrets).
    private static uint Checksum(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(data));
}
