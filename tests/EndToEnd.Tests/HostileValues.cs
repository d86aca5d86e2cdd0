using Google.Protobuf.WellKnownTypes;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// Reproducible hostile field values: text made of the pieces that broke or could break a
/// parser (noncharacters, lone surrogates, controls, bidi and zero-width marks, stacked combining
/// marks, markup, query syntax, date look-alikes, huge numbers), valid values among them so that
/// some requests get far enough to exercise the code behind validation.
/// </summary>
public sealed class HostileValues(int seed)
{
    private static readonly string[] Atoms =
    [
        "", " ", "\t", "\r\n", "\u0000", "\u0007", "\u001F", "\u007F", "\u0085", "\uFFFE", "\uFFFF", "\uFFFD", "\uD800", "\uDFFF",
        "\u202E", "\u200B", "\u200D", "\u00AD", "\uFEFF", "\u2028", "\uD83D\uDE00", new string('\u0301', 300), "e\u0301",
        "ação", "São Paulo", "OTAN", "Exchange", "ciberespaço", "Ã§Ã£o", "â€œ", "<script>alert(1)</script>", "<p>", "</b>",
        "&amp;", "&#0;", "![img](http://x.test/a.png)", "[link](javascript:alert(1))", "# título", "> citação", "```",
        "'; DROP TABLE articles; --", "title:(", "\"unbalanced", "*", "?", "~", "a~99", "/[a/", "+(eleições", "-", "|", "\\",
        "AND OR NOT", "title:otan AND NOT body:", "{!}", "%00", "%FF", "../../etc/passwd", "99999999999999999999", "-1", "NaN",
        "null", "{}", "[]", "20 de julho\uFFFE de 2021", "20 de julho de 2021", "2021-02-30", "9999-12-31T23:59:59Z",
        "0001-01-01", "31/12/99999", "31/12/9999 23:59", "2021-07-20T25:61:00+99:99", "http://", "https://exemplo.pt/a?utm_source=x#f",
        "javascript:alert(1)", "mailto:a@b", "text/html", "text/markdown", "text/plain; charset=utf-8", "application/pdf",
        "abc-123_x:y.z", "5a6a34a73b7e5818", new string('x', 129), new string('a', 501), new string('z', 5_000),
    ];

    private readonly Random _random = new(seed);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>One of <paramref name="values"/>.</summary>
    public T Pick<T>(params T[] values) => values[_random.Next(values.Length)];

    /// <summary>
    /// A hostile string of up to a few thousand characters. Lone surrogates come out as U+FFFD,
    /// as any UTF-8 encoder sends them (protobuf's refuses them); the unit-level property tests
    /// give them to the domain classes directly.
    /// </summary>
    public string Text() => Wire(RawText());

    private static string Wire(string text) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));

    private string RawText()
    {
        var parts = _random.Next(0, 6);
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            builder.Append(Chance(0.75) ? Pick(Atoms) : RandomChars(_random.Next(1, 40)));
        }

        return builder.ToString();
    }

    /// <summary>Mostly hostile text, sometimes a plain Portuguese sentence that passes validation.</summary>
    public string TextOrValid(string valid) => Chance(0.4) ? valid : Text();

    /// <summary>An int that is often out of range.</summary>
    public int Int() => Pick(0, 1, -1, 5, 10, 50, 100, 101, 1_000, int.MaxValue, int.MinValue, _random.Next(int.MinValue, int.MaxValue));

    /// <summary>A timestamp, often outside what <see cref="Timestamp.ToDateTimeOffset"/> accepts.</summary>
    public Timestamp? Time() => _random.Next(6) switch
    {
        0 => null,
        1 => new Timestamp { Seconds = _random.NextInt64(-62_135_596_800, 253_402_300_799) },
        2 => new Timestamp { Seconds = long.MaxValue },
        3 => new Timestamp { Seconds = long.MinValue, Nanos = -1 },
        4 => new Timestamp { Seconds = 0, Nanos = int.MaxValue },
        _ => Timestamp.FromDateTime(new DateTime(2021, 7, 20, 0, 0, 0, DateTimeKind.Utc)),
    };

    /// <summary>An enum value, sometimes one the contract does not define.</summary>
    public T Enum<T>() where T : struct, System.Enum =>
        Chance(0.2) ? (T)(object)_random.Next(-3, 100) : Pick(System.Enum.GetValues<T>());

    /// <summary>A list of 0 to <paramref name="max"/> hostile strings.</summary>
    public IEnumerable<string> List(int max) => Enumerable.Range(0, _random.Next(0, max + 1)).Select(_ => Text()).ToList();

    private string RandomChars(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)_random.Next(0, 0x10000);
        }

        return new string(chars);
    }
}
