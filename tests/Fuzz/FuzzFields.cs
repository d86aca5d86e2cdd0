namespace SeedSearch.Fuzz;

/// <summary>
/// Splits one fuzz input into the fields of a request: U+001F (the unit separator) ends a field,
/// U+001E separates the items of a list field. An input without separators is the first field
/// alone, so plain seed files keep their meaning; the dictionaries hold both separators, so the
/// mutator learns to reach every field.
/// </summary>
public sealed class FuzzFields(string input)
{
    /// <summary>Ends a field.</summary>
    public const char FieldSeparator = '\u001F';

    /// <summary>Separates the items of a list field.</summary>
    public const char ItemSeparator = '\u001E';

    private readonly string[] _fields = input.Split(FieldSeparator);

    /// <summary>Whether the input names more than its first field.</summary>
    public bool IsStructured => _fields.Length > 1;

    /// <summary>Field <paramref name="index"/> as text; empty when the input has fewer fields.</summary>
    public string Text(int index) => index < _fields.Length ? _fields[index] : string.Empty;

    /// <summary>Field <paramref name="index"/> as a list of items.</summary>
    public IReadOnlyList<string> List(int index) => Text(index).Length == 0 ? [] : Text(index).Split(ItemSeparator);

    /// <summary>Field <paramref name="index"/> as a number: its digits if it is one, else its length, negated by a leading '-'.</summary>
    public long Number(int index)
    {
        var text = Text(index);
        if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return text.StartsWith('-') ? -text.Length : text.Length;
    }

    /// <summary>Field <paramref name="index"/> as an instant (seconds since 1970, clamped to the calendar), or none when empty.</summary>
    public DateTimeOffset? Instant(int index) => Text(index).Length == 0
        ? null
        : DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(Number(index), -62_135_596_800, 253_402_300_799));
}
