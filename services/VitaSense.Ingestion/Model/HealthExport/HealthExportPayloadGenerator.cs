using System.Text.Encodings.Web;
using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Writes realistic Health Auto Export payloads: minute-level heart rate, every metric of <see cref="MetricCatalog"/> daily
/// (some in lb, mi, kJ, degF, mmol/L, fractions for percentages; <c>vo2max</c> under its old spelling), sleep aggregated and
/// unaggregated, workouts in both formats with routes, and the other collections (state of mind, medications, symptoms,
/// cycle tracking, ECG with voltage samples, heart-rate notifications). Times are US Pacific across DST changes, with trips
/// to Europe/Berlin, written in the app's 24-hour, 12-hour (raw U+202F before AM/PM), date-only and ISO 8601 forms.
/// Streams as it writes: memory stays flat whatever the size.
/// </summary>
public static class HealthExportPayloadGenerator
{
    /// <summary>Writes one payload to <paramref name="stream"/> and returns its counts.</summary>
    public static async Task<GeneratedPayloadSummary> WriteAsync(Stream stream, HealthExportGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.HeartRatePointsPerDay);
        ArgumentOutOfRangeException.ThrowIfNegative(options.WorkoutsPerDay);
        ArgumentOutOfRangeException.ThrowIfNegative(options.RoutePointsPerWorkout);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InvalidPointsPerDay);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EcgVoltageSamples);
        // Relaxed escaping so "·" and "+0100" travel as raw UTF-8, as the app sends them.
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        var run = new PayloadWriter(writer, options);
        return await run.WriteAsync(cancellationToken);
    }
}
