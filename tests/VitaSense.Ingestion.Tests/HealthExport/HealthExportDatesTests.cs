using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>Every date format Health Auto Export sends, and the ones it must refuse.</summary>
public sealed class HealthExportDatesTests
{
    [Theory]
    [InlineData("2024-02-06 14:30:00 -0800", 2024, 2, 6, 14, 30, 0, -480)]
    [InlineData("2024-02-06 14:30:00 +0530", 2024, 2, 6, 14, 30, 0, 330)]
    [InlineData("2024-02-06 3:04:05 PM -0700", 2024, 2, 6, 15, 4, 5, -420)]
    [InlineData("2024-02-06 3:04:05\u202FPM -0700", 2024, 2, 6, 15, 4, 5, -420)]
    [InlineData("2024-02-06 12:04:05\u202FAM -0700", 2024, 2, 6, 0, 4, 5, -420)]
    [InlineData("2024-02-06 12:04:05\u00A0PM +0100", 2024, 2, 6, 12, 4, 5, 60)]
    [InlineData("2024-02-06 11:59:59 am -0000", 2024, 2, 6, 11, 59, 59, 0)]
    [InlineData("2024-02-06T14:30:00-08:00", 2024, 2, 6, 14, 30, 0, -480)]
    [InlineData("2024-02-06T14:30:00Z", 2024, 2, 6, 14, 30, 0, 0)]
    [InlineData("2024-02-06T14:30:00.250+01:00", 2024, 2, 6, 14, 30, 0, 60)]
    public void Date_times_with_an_offset_parse(string text, int y, int mo, int d, int h, int mi, int s, int offsetMinutes)
    {
        Assert.True(HealthExportDates.TryParse(text, out var value, out var dateOnly));
        Assert.False(dateOnly);
        var expected = new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes));
        Assert.Equal(expected, new DateTimeOffset(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset));
        Assert.Equal(expected.Offset, value.Offset);
    }

    [Fact]
    public void Fractions_are_kept()
    {
        Assert.True(HealthExportDates.TryParse("2024-02-06T14:30:00.250+01:00", out var value, out _));
        Assert.Equal(250, value.Millisecond);
    }

    [Fact]
    public void A_date_only_value_is_midnight_at_offset_zero_and_flagged()
    {
        Assert.True(HealthExportDates.TryParse("2024-02-06", out var value, out var dateOnly));
        Assert.True(dateOnly);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 0, 0, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void A_date_only_value_keeps_a_given_offset()
    {
        Assert.True(HealthExportDates.TryParse("2024-02-06 -0800", out var value, out var dateOnly));
        Assert.True(dateOnly);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 0, 0, 0, TimeSpan.FromHours(-8)), value);
    }

    [Theory]
    [InlineData("2024-02-06 14:30:00")]
    [InlineData("2024-02-06T14:30:00")]
    [InlineData("2024-02-06 3:04:05 PM")]
    [InlineData("2024-02-06 3:04:05\u202FPM")]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-02-30 14:30:00 -0800")]
    [InlineData("2024-13-06 14:30:00 -0800")]
    [InlineData("2024-02-06 25:30:00 -0800")]
    [InlineData("2024-02-06 13:30:00 PM -0800")]
    [InlineData("2024-02-06 14:30:00 -2500")]
    [InlineData("2024-02-06 14:30:00 -0800 junk")]
    [InlineData("06/02/2024 14:30:00 -0800")]
    public void Values_without_an_offset_or_malformed_are_refused(string text)
    {
        Assert.False(HealthExportDates.TryParse(text, out _, out _));
    }

    [Fact]
    public void Null_is_refused()
    {
        Assert.False(HealthExportDates.TryParse((string?)null, out _, out _));
    }
}
