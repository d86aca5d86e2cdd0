using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class PublishedDateParserTests
{
    private static readonly PublishedDateParser Parser = new(TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo"));

    [Theory]
    [InlineData("2021-07-20", "2021-07-20T00:00:00-03:00")]
    [InlineData("2021-07-20T10:30:00Z", "2021-07-20T10:30:00+00:00")]
    [InlineData("2021-07-20T10:30:00+01:00", "2021-07-20T10:30:00+01:00")]
    [InlineData("2021-07-20 10:30", "2021-07-20T10:30:00-03:00")]
    [InlineData("20 de julho de 2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("20 de Julho de 2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("1º de março de 2022", "2022-03-01T00:00:00-03:00")]
    [InlineData("terça-feira, 20 de julho de 2021 às 10h30", "2021-07-20T10:30:00-03:00")]
    [InlineData("20/07/2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("20/07/2021 10:30", "2021-07-20T10:30:00-03:00")]
    [InlineData("20 jul 2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("20 jul. 2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("20.07.2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("20-07-2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("1º de julho de 2021", "2021-07-01T00:00:00-03:00")]
    [InlineData("20 de jul. de 2021", "2021-07-20T00:00:00-03:00")]
    [InlineData("20 de set de 2021", "2021-09-20T00:00:00-03:00")]
    [InlineData("10h30 de 20/07/2021", "2021-07-20T10:30:00-03:00")]
    [InlineData("Às 9h05, 20.07.2021", "2021-07-20T09:05:00-03:00")]
    [InlineData("sábado, 24 de julho de 2021, 18:45", "2021-07-24T18:45:00-03:00")]
    [InlineData("20/07/2021 às 10h30min", "2021-07-20T10:30:00-03:00")]
    [InlineData("20/07/2021 - 10:30:15", "2021-07-20T10:30:15-03:00")]
    [InlineData("Publicado em 20/07/2021 às 10h30", "2021-07-20T10:30:00-03:00")]
    [InlineData("Atualizado em 3 de março de 2022", "2022-03-03T00:00:00-03:00")]
    [InlineData("2021-07-20T10:30:00.123-03:00", "2021-07-20T10:30:00.123-03:00")]
    [InlineData("2018-11-04 00:30", "2018-11-04T01:30:00-02:00")]
    public void TryParse_SupportedForms_GiveTheInstant(string text, string expected)
    {
        Assert.True(Parser.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected), value);
        Assert.Equal(DateTimeOffset.Parse(expected).Offset, value.Offset);
    }

    [Theory]
    [InlineData("ontem")]
    [InlineData("31/02/2021")]
    [InlineData("20 de julhembro de 2021")]
    [InlineData("2021-13-01")]
    [InlineData("20/07/2021 25h00")]
    [InlineData("20/07-2021")]
    [InlineData("10h30 de 20/07/2021 11h00")]
    [InlineData("20/07/2021 10:61")]
    [InlineData("julho de 2021")]
    [InlineData("20 de julho")]
    [InlineData("")]
    [InlineData("20 de julho\uFFFE de 2021")]
    public void TryParse_NotADate_Fails(string text) => Assert.False(Parser.TryParse(text, out _));

    // The ends of the calendar and old local mean times (São Paulo was UTC-03:06:28 before 1914,
    // an offset DateTimeOffset refuses) must be a clear "not a date" or an instant, never a throw.
    [Theory]
    [InlineData("31/12/9999 23:59")]
    [InlineData("9999-12-31T23:59:59")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("01/01/0001")]
    [InlineData("0001-01-01")]
    [InlineData("20/07/1900")]
    [InlineData("1 de janeiro de 1850 às 10h00")]
    public void TryParse_CalendarEdgesAndHistoricOffsets_NeverThrow(string text)
    {
        if (Parser.TryParse(text, out var value))
        {
            Assert.Equal(0, value.Offset.Seconds);
            Assert.InRange(value.UtcDateTime, DateTime.MinValue, DateTime.MaxValue);
        }
    }

    [Fact]
    public void TryParse_BeforeStandardTime_ReadsTheDayInWholeMinutes()
    {
        Assert.True(Parser.TryParse("20/07/1900", out var value));
        Assert.Equal(new DateTime(1900, 7, 20), value.Date);
    }
}
