namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// The date formats Health Auto Export sends: <c>yyyy-MM-dd HH:mm:ss Z</c>, date-only <c>yyyy-MM-dd</c>,
/// 12-hour <c>yyyy-MM-dd h:mm:ss tt Z</c> (iOS puts U+202F or U+00A0 before AM/PM), and ISO 8601 with an offset.
/// Parsed by hand rather than with culture patterns so the result never depends on the server's culture,
/// and without allocating, because a payload holds hundreds of thousands of dates.
/// </summary>
public static class HealthExportDates
{
    /// <summary>
    /// Parses <paramref name="text"/>. A date-time without an offset is refused: the phone's local zone is unknowable here.
    /// A date-only value is midnight with offset 0 unless an offset follows it, and sets <paramref name="dateOnly"/>.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out bool dateOnly)
    {
        if (text is null)
        {
            value = default;
            dateOnly = false;
            return false;
        }
        return TryParse(text.AsSpan(), out value, out dateOnly);
    }

    /// <inheritdoc cref="TryParse(string?, out DateTimeOffset, out bool)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = false;
        var s = text.Trim();
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        var i = 10;
        if (i == s.Length)
        {
            dateOnly = true;
            value = new DateTimeOffset(year, month, day, 0, 0, 0, offset);
            return true;
        }

        var separator = s[i];
        if (separator is not ('T' or 't') && !IsSpace(separator))
        {
            return false;
        }
        i++;
        SkipSpaces(s, ref i);

        if (i < s.Length && s[i] is '+' or '-' or 'Z' or 'z' && separator is not ('T' or 't'))
        {
            // A date-only value followed by its zone, e.g. "2024-02-06 -0800".
            if (!TryOffset(s, ref i, out offset) || i != s.Length)
            {
                return false;
            }
            dateOnly = true;
            value = new DateTimeOffset(year, month, day, 0, 0, 0, offset);
            return true;
        }

        if (!TryNumber(s, ref i, 1, 2, out var hour) || !Expect(s, ref i, ':') || !TryNumber(s, ref i, 2, 2, out var minute))
        {
            return false;
        }
        var second = 0;
        long fractionTicks = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!TryNumber(s, ref i, 2, 2, out second))
            {
                return false;
            }
            if (i < s.Length && s[i] is '.' or ',')
            {
                i++;
                var start = i;
                long scale = TimeSpan.TicksPerSecond;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    scale /= 10;
                    fractionTicks += (s[i] - '0') * scale;
                    i++;
                }
                if (i == start)
                {
                    return false;
                }
            }
        }

        SkipSpaces(s, ref i);
        if (i + 1 < s.Length && s[i + 1] is 'M' or 'm' && s[i] is 'A' or 'a' or 'P' or 'p')
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }
            var pm = s[i] is 'P' or 'p';
            hour = hour % 12 + (pm ? 12 : 0);
            i += 2;
            SkipSpaces(s, ref i);
        }

        if (i >= s.Length || !TryOffset(s, ref i, out offset) || i != s.Length)
        {
            return false;
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
        return true;
    }

    /// <summary>
    /// The form nearly every point has, <c>yyyy-MM-dd HH:mm:ss ±hhmm</c>, read straight from UTF-8; false for anything
    /// else, which <see cref="TryParse(ReadOnlySpan{char}, out DateTimeOffset, out bool)"/> then decides.
    /// </summary>
    public static bool TryParseUsual(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 25 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' || s[19] != ' '
            || s[20] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || !Digits(s, 21, 2, out var offsetHours) || !Digits(s, 23, 2, out var offsetMinutes))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59
            || second > 59 || offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 14 * 60)
        {
            return false;
        }
        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        value = new DateTimeOffset(year, month, day, hour, minute, second, s[20] == '-' ? -offset : offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }
            number = number * 10 + digit;
        }
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> s, ref int i, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s[i] is 'Z' or 'z')
        {
            i++;
            return true;
        }
        if (s[i] is not ('+' or '-'))
        {
            return false;
        }
        var negative = s[i] == '-';
        i++;
        if (!TryNumber(s, ref i, 2, 2, out var hours))
        {
            return false;
        }
        var minutes = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!TryNumber(s, ref i, 2, 2, out minutes))
            {
                return false;
            }
        }
        else if (i < s.Length && !TryNumber(s, ref i, 2, 2, out minutes))
        {
            return false;
        }
        if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60)
        {
            return false;
        }
        offset = new TimeSpan(hours, minutes, 0);
        if (negative)
        {
            offset = offset.Negate();
        }
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> s, ref int i, int minDigits, int maxDigits, out int number)
    {
        number = 0;
        var start = i;
        while (i < s.Length && i - start < maxDigits && char.IsAsciiDigit(s[i]))
        {
            number = number * 10 + (s[i] - '0');
            i++;
        }
        return i - start >= minDigits;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int number)
    {
        var i = 0;
        return TryNumber(s, ref i, s.Length, s.Length, out number);
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }
        return false;
    }

    // iOS formats 12-hour times with U+202F NARROW NO-BREAK SPACE (and older versions U+00A0) before AM/PM.
    private static bool IsSpace(char c) => c is ' ' or '\u202F' or '\u00A0';

    private static void SkipSpaces(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && IsSpace(s[i]))
        {
            i++;
        }
    }
}
