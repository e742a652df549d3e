using System.Text;
using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>Typed reads of one value under a <see cref="Utf8JsonReader"/>, shared by the point and workout parsers.</summary>
internal static class JsonValues
{
    /// <summary>Reads a number; null for JSON null; false when the value is of another type.</summary>
    public static bool TryNumber(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number when !reader.HasValueSequence && TryWholeNumber(reader.ValueSpan, out var whole):
                value = whole;
                return true;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                value = number;
                return true;
            default:
                return false;
        }
    }

    // Most readings are small whole numbers (beats per minute, steps, mmHg); reading their digits directly is several
    // times cheaper than the general double parser, and exact: any integer of up to 15 digits is a double.
    private static bool TryWholeNumber(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.Length is 0 or > 15)
        {
            return false;
        }
        long number = 0;
        foreach (var c in digits)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }
            number = number * 10 + digit;
        }
        value = negative ? -number : number;
        return true;
    }

    /// <summary>Reads a date string in any format <see cref="HealthExportDates"/> accepts, without allocating.</summary>
    public static bool TryDate(ref Utf8JsonReader reader, out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = false;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 96)
        {
            return false;
        }
        if (!reader.ValueIsEscaped && HealthExportDates.TryParseUsual(reader.ValueSpan, out value))
        {
            return true;
        }
        Span<char> chars = stackalloc char[96];
        var length = reader.CopyString(chars);
        return HealthExportDates.TryParse(chars[..length], out value, out dateOnly);
    }

    /// <summary>Reads a string; numbers and booleans as their JSON text; null for JSON null.</summary>
    public static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    /// <summary>The current value as text: scalars via <see cref="Text"/>, objects and arrays as their raw JSON.</summary>
    public static string? Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return Text(ref reader);
        }
        var start = (int)reader.TokenStartIndex;
        // TrySkip rather than Skip, which refuses a reader over part of a body even when the value is all there: the
        // point parser reads with the body's reader and checks first that the value is complete.
        if (!reader.TrySkip())
        {
            throw new InvalidOperationException("A nested value was read before all of it was buffered.");
        }
        return Encoding.UTF8.GetString(source[start..(int)reader.BytesConsumed]);
    }

    /// <summary>Reads an object of scalars (a <c>metadata</c> object) into a dictionary; false when the value is not an object.</summary>
    public static bool TryDictionary(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, out Dictionary<string, string>? dictionary)
    {
        dictionary = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var text = Raw(ref reader, source);
            if (text is not null)
            {
                dictionary[key] = text;
            }
        }
        return true;
    }
}
