using System.Text.Json;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// Writing the points of a published <c>ObservationsIngested</c> event: the property names of every point, encoded
/// once rather than transcoded and checked per write, and numbers written the cheap way when they are whole. A year of
/// minute heart rate is three quarters of a million points, so this is most of the cost of the events.
/// </summary>
internal static class PointJson
{
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    public static readonly JsonEncodedText UtcOffset = JsonEncodedText.Encode("utc_offset");
    public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    public static readonly JsonEncodedText Values = JsonEncodedText.Encode("values");
    public static readonly JsonEncodedText Quality = JsonEncodedText.Encode("quality");
    public static readonly JsonEncodedText Min = JsonEncodedText.Encode("min");
    public static readonly JsonEncodedText Max = JsonEncodedText.Encode("max");

    // Beyond this a double may not be a whole long; it is rare enough for the general path.
    private const double LargestWhole = 1e15;

    /// <summary>
    /// Writes <paramref name="value"/>; a whole number (beats per minute, steps, mmHg: most readings) is written as an
    /// integer, which is the same JSON text as the shortest round-trip form of the double but several times cheaper.
    /// </summary>
    public static void Number(Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        if (Math.Abs(value) < LargestWhole && value == Math.Truncate(value))
        {
            writer.WriteNumber(name, (long)value);
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    /// <summary>Writes <paramref name="value"/> as <see cref="Number(Utf8JsonWriter, JsonEncodedText, double)"/> does, when it is a finite number.</summary>
    public static void Number(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            Number(writer, name, v);
        }
    }
}
