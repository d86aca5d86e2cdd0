using System.Globalization;
using System.Text.RegularExpressions;
using SeedSearch.Text;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Parses the date forms newsrooms send: ISO-8601 (with or without time and offset) and
/// Portuguese ("20 de julho de 2021", "terça-feira, 20 de julho de 2021 às 10h30",
/// "1º de julho de 2021", "20 de jul. de 2021", "20/07/2021", "20.07.2021", "20-07-2021",
/// "20 jul 2021", "10h30 de 20/07/2021", "Publicado em 20/07/2021 10:30"). Dates without an
/// offset are read in a default time zone.
/// </summary>
public sealed partial class PublishedDateParser
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["janeiro"] = 1, ["jan"] = 1, ["fevereiro"] = 2, ["fev"] = 2, ["marco"] = 3, ["mar"] = 3,
        ["abril"] = 4, ["abr"] = 4, ["maio"] = 5, ["mai"] = 5, ["junho"] = 6, ["jun"] = 6,
        ["julho"] = 7, ["jul"] = 7, ["agosto"] = 8, ["ago"] = 8, ["setembro"] = 9, ["set"] = 9,
        ["outubro"] = 10, ["out"] = 10, ["novembro"] = 11, ["nov"] = 11, ["dezembro"] = 12, ["dez"] = 12,
    };

    private readonly TimeZoneInfo _zone;

    /// <summary>Creates a parser that reads offset-less dates in <paramref name="zone"/>.</summary>
    public PublishedDateParser(TimeZoneInfo zone) => _zone = zone;

    /// <summary>Parses <paramref name="text"/>; returns false when it is not a supported date.</summary>
    public bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 100)
        {
            return false;
        }

        if (IsoDate().IsMatch(trimmed))
        {
            return TryParseIso(trimmed, out value);
        }

        var folded = Preamble().Replace(TextFolding.Fold(trimmed), string.Empty);

        // "10h30 de 20/07/2021": a time before the date is read off first.
        var leading = LeadingTime().Match(folded);
        var rest = leading.Success ? folded[leading.Length..] : folded;
        var match = LongForm().Match(rest);
        if (!match.Success)
        {
            match = ShortForm().Match(rest);
        }

        if (!match.Success)
        {
            match = NumericForm().Match(rest);
        }

        if (!match.Success || (leading.Success && match.Groups["hour"].Success))
        {
            return false;
        }

        var time = leading.Success ? leading : match;
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var monthText = match.Groups["month"].Value;
        var month = Months.TryGetValue(monthText, out var named) ? named
            : int.TryParse(monthText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var hour = Number(time, "hour");
        var minute = Number(time, "minute");
        var second = Number(time, "second");
        if (month is < 1 or > 12 || year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        return TryInZone(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified), out value);
    }

    private static int Number(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private bool TryParseIso(string text, out DateTimeOffset value)
    {
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (IsoOffset().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out value);
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out var local))
        {
            return TryInZone(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), out value);
        }

        value = default;
        return false;
    }

    // False when the instant falls outside DateTimeOffset's range (31/12/9999 23:59 in UTC-3 is
    // year 10000 in UTC), which is "not a date" for the caller, never an exception.
    private bool TryInZone(DateTime local, out DateTimeOffset value)
    {
        value = default;
        // A time skipped by a daylight-saving change is read as the instant just after it.
        if (_zone.IsInvalidTime(local))
        {
            if (local > DateTime.MaxValue.AddHours(-1))
            {
                return false;
            }

            local = local.AddHours(1);
        }

        // Local mean times before standard zones have seconds in their offset (São Paulo:
        // -03:06:28), which DateTimeOffset refuses: round to the minute.
        var offset = TimeSpan.FromMinutes(Math.Round(_zone.GetUtcOffset(local).TotalMinutes));
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoOffset();

    // An optional weekday: "terça-feira, ", "sábado ".
    private const string Weekday = @"^(?:[a-z]+(?:-feira)?,?\s+)?";

    // An optional time after the date: ", 10h30", " às 10h30min", " - 10:30", " 10:30:15".
    private const string TrailingTime = @"(?:\s*(?:,|-|\||as\b)?\s*(?<hour>\d{1,2})\s*[h:]\s*(?<minute>\d{2})?(?::(?<second>\d{2}))?(?:\s*min)?)?\s*$";

    // "Publicado em ", "Atualizado: " before the date.
    [GeneratedRegex(@"^(?:publicad[oa]|atualizad[oa]|actualizad[oa])(?:\s*:|\s+em|\s+a)?\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Preamble();

    // "10h30 de ", "as 10:30, ", "10h30 - " before the date.
    [GeneratedRegex(@"^(?:as\s+)?(?<hour>\d{1,2})\s*[h:]\s*(?<minute>\d{2})?(?::(?<second>\d{2}))?(?:\s*min)?\s*(?:de|do dia|,|-|\|)?\s*(?=\D*\d)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingTime();

    // "[terça-feira, ]20 de julho de 2021", "1º de julho de 2021", "20 de jul. de 2021", then a time
    [GeneratedRegex(Weekday + @"(?<day>\d{1,2})(?:o|º|ª)?\s+de\s+(?<month>[a-z]+)\.?\s+de\s+(?<year>\d{4})" + TrailingTime, RegexOptions.CultureInvariant)]
    private static partial Regex LongForm();

    // "20 jul 2021", "20 jul. 2021", "20-jul-2021", "20/jul/2021", then a time
    [GeneratedRegex(Weekday + @"(?<day>\d{1,2})(?:o|º)?[\s\-/]+(?<month>[a-z]{3,9})\.?[\s\-/]+(?<year>\d{4})" + TrailingTime, RegexOptions.CultureInvariant)]
    private static partial Regex ShortForm();

    // "20/07/2021", "20.07.2021", "20-07-2021" (one separator throughout), then a time
    [GeneratedRegex(Weekday + @"(?<day>\d{1,2})(?<sep>[/.\-])(?<month>\d{1,2})\k<sep>(?<year>\d{4})" + TrailingTime, RegexOptions.CultureInvariant)]
    private static partial Regex NumericForm();
}
