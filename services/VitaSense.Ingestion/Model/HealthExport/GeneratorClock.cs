namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Where the generated person is, day by day, and how the phone writes a time there: at home in US Pacific (with its DST
/// changes), on some days travelling in Europe/Berlin (with the EU's). Formats straight to UTF-8 without allocating, because
/// a large payload holds millions of dates.
/// </summary>
internal sealed class GeneratorClock
{
    private static readonly TimeSpan PacificStandard = TimeSpan.FromHours(-8);
    private static readonly TimeSpan BerlinStandard = TimeSpan.FromHours(1);

    private readonly DateTimeOffset[] _dayStarts;
    private readonly long[] _dayStartTicks;
    private readonly bool[] _abroad;
    private int _rulesYear = -1;
    private long _pacificDstStart, _pacificDstEnd, _berlinDstStart, _berlinDstEnd;

    public GeneratorClock(HealthExportGeneratorOptions options)
    {
        var days = options.Days;
        _abroad = new bool[days + 1];
        _dayStarts = new DateTimeOffset[days + 1];
        _dayStartTicks = new long[days + 1];
        for (var d = 0; d <= days; d++)
        {
            _abroad[d] = IsAbroad(options, d);
            var midnight = options.StartDate.AddDays(d).ToDateTime(TimeOnly.MinValue);
            var standard = _abroad[d] ? BerlinStandard : PacificStandard;
            var atStandard = new DateTimeOffset(midnight, standard);
            // Midnight is never inside a DST gap in either zone, so the offset at the standard reading is the right one.
            var start = new DateTimeOffset(midnight, ZoneOffset(_abroad[d], atStandard.UtcTicks));
            _dayStarts[d] = start;
            _dayStartTicks[d] = start.UtcTicks;
        }
    }

    /// <summary>Local midnight of day <paramref name="d"/> (0 is the first day, Days the end of the last).</summary>
    public DateTimeOffset Day(int d) => _dayStarts[d];

    /// <summary>True when day <paramref name="d"/> is spent in Berlin.</summary>
    public bool IsAbroad(int d) => _abroad[d];

    /// <summary>The instant as the phone shows it: in the zone of the day it falls in.</summary>
    public DateTimeOffset Local(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        var d = Array.BinarySearch(_dayStartTicks, ticks);
        d = d >= 0 ? d : Math.Max(0, ~d - 1);
        d = Math.Min(d, _abroad.Length - 1);
        return instant.ToOffset(ZoneOffset(_abroad[d], ticks));
    }

    /// <summary><c>yyyy-MM-dd HH:mm:ss -0800</c>, quoted.</summary>
    public int Format24(DateTimeOffset instant, Span<byte> destination)
    {
        var local = Local(instant);
        var i = Open(local, destination);
        destination[i++] = (byte)' ';
        i = Time(local, destination, i, twelveHour: false);
        destination[i++] = (byte)' ';
        i = Offset(local.Offset, destination, i, colon: false);
        destination[i++] = (byte)'"';
        return i;
    }

    /// <summary><c>yyyy-MM-dd HH:mm:ss.fff -0800</c>, quoted: the ECG sample times.</summary>
    public int Format24Millis(DateTimeOffset instant, Span<byte> destination)
    {
        var local = Local(instant);
        var i = Open(local, destination);
        destination[i++] = (byte)' ';
        i = Time(local, destination, i, twelveHour: false);
        destination[i++] = (byte)'.';
        var millis = local.Millisecond;
        destination[i++] = (byte)('0' + millis / 100);
        i = Two(millis % 100, destination, i);
        destination[i++] = (byte)' ';
        i = Offset(local.Offset, destination, i, colon: false);
        destination[i++] = (byte)'"';
        return i;
    }

    /// <summary><c>yyyy-MM-dd h:mm:ss{U+202F}PM -0800</c>, quoted, with the narrow no-break space raw as iOS writes it.</summary>
    public int Format12(DateTimeOffset instant, Span<byte> destination)
    {
        var local = Local(instant);
        var i = Open(local, destination);
        destination[i++] = (byte)' ';
        i = Time(local, destination, i, twelveHour: true);
        destination[i++] = 0xE2;
        destination[i++] = 0x80;
        destination[i++] = 0xAF;
        destination[i++] = local.Hour < 12 ? (byte)'A' : (byte)'P';
        destination[i++] = (byte)'M';
        destination[i++] = (byte)' ';
        i = Offset(local.Offset, destination, i, colon: false);
        destination[i++] = (byte)'"';
        return i;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ss-08:00</c>, quoted.</summary>
    public int FormatIso(DateTimeOffset instant, Span<byte> destination)
    {
        var local = Local(instant);
        var i = Open(local, destination);
        destination[i++] = (byte)'T';
        i = Time(local, destination, i, twelveHour: false);
        i = Offset(local.Offset, destination, i, colon: true);
        destination[i++] = (byte)'"';
        return i;
    }

    /// <summary><c>yyyy-MM-dd</c> of the day <paramref name="instant"/> falls in locally, quoted.</summary>
    public int FormatDate(DateTimeOffset instant, Span<byte> destination)
    {
        var i = Open(Local(instant), destination);
        destination[i++] = (byte)'"';
        return i;
    }

    private static bool IsAbroad(HealthExportGeneratorOptions options, int d)
    {
        if (options.TravelDays <= 0 || options.TravelEveryDays <= 0)
        {
            return false;
        }
        var inCycle = d % options.TravelEveryDays;
        return inCycle >= options.TravelStartDay && inCycle < options.TravelStartDay + options.TravelDays;
    }

    private TimeSpan ZoneOffset(bool berlin, long utcTicks)
    {
        var year = new DateTime(utcTicks, DateTimeKind.Utc).Year;
        if (year != _rulesYear)
        {
            // US: second Sunday of March 02:00 PST to first Sunday of November 02:00 PDT. EU: last Sundays of March and October, 01:00 UTC.
            _pacificDstStart = NthSunday(year, 3, 2).AddHours(10).Ticks;
            _pacificDstEnd = NthSunday(year, 11, 1).AddHours(9).Ticks;
            _berlinDstStart = LastSunday(year, 3).AddHours(1).Ticks;
            _berlinDstEnd = LastSunday(year, 10).AddHours(1).Ticks;
            _rulesYear = year;
        }
        return berlin
            ? utcTicks >= _berlinDstStart && utcTicks < _berlinDstEnd ? BerlinStandard + TimeSpan.FromHours(1) : BerlinStandard
            : utcTicks >= _pacificDstStart && utcTicks < _pacificDstEnd ? PacificStandard + TimeSpan.FromHours(1) : PacificStandard;
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        return first.AddDays((7 - (int)first.DayOfWeek) % 7 + 7 * (n - 1));
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }

    private static int Open(DateTimeOffset local, Span<byte> d)
    {
        // One decomposition of the ticks instead of three (Year, Month, Day each recompute it).
        local.DateTime.Deconstruct(out var year, out var month, out var day);
        d[0] = (byte)'"';
        d[1] = (byte)('0' + year / 1000);
        d[2] = (byte)('0' + year / 100 % 10);
        d[3] = (byte)('0' + year / 10 % 10);
        d[4] = (byte)('0' + year % 10);
        d[5] = (byte)'-';
        Two(month, d, 6);
        d[8] = (byte)'-';
        Two(day, d, 9);
        return 11;
    }

    private static int Time(DateTimeOffset local, Span<byte> d, int i, bool twelveHour)
    {
        var time = local.DateTime.TimeOfDay;
        var hour = time.Hours;
        if (twelveHour)
        {
            hour = hour % 12 == 0 ? 12 : hour % 12;
            if (hour >= 10)
            {
                d[i++] = (byte)'1';
            }
            d[i++] = (byte)('0' + hour % 10);
        }
        else
        {
            i = Two(hour, d, i);
        }
        d[i++] = (byte)':';
        i = Two(time.Minutes, d, i);
        d[i++] = (byte)':';
        return Two(time.Seconds, d, i);
    }

    private static int Offset(TimeSpan offset, Span<byte> d, int i, bool colon)
    {
        d[i++] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        var abs = offset.Duration();
        i = Two(abs.Hours, d, i);
        if (colon)
        {
            d[i++] = (byte)':';
        }
        return Two(abs.Minutes, d, i);
    }

    private static int Two(int value, Span<byte> d, int i)
    {
        d[i] = (byte)('0' + value / 10);
        d[i + 1] = (byte)('0' + value % 10);
        return i + 2;
    }
}
