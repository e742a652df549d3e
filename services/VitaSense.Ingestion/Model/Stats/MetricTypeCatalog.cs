using System.Text.Json.Serialization;
using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Model.Stats;

/// <summary>What <c>GET /api/v1/metrics</c> answers: every known metric type and the fields each shape carries.</summary>
public sealed record MetricTypeCatalog
{
    /// <summary>The catalogue, built once from <see cref="MetricCatalog"/>.</summary>
    public static readonly MetricTypeCatalog Instance = new()
    {
        Metrics = MetricCatalog.All.Select(m => new MetricType(m.Name, m.Category, Shape(m.Shape), m.CanonicalUnit, m.Minimum, m.Maximum, m.Description)).ToList(),
        Shapes = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["quantity"] = ["date", "qty", "source", "metadata"],
            ["heart_rate"] = ["date", "Min", "Avg", "Max", "source"],
            ["blood_pressure"] = ["date", "systolic", "diastolic", "source"],
            ["sleep"] = ["date", "totalSleep", "asleep", "core", "deep", "rem", "awake", "inBed", "sleepStart", "sleepEnd", "inBedStart", "inBedEnd", "source", "or: startDate, endDate, value"],
            ["blood_glucose"] = ["date", "qty", "mealTime", "source"],
            ["insulin"] = ["date", "qty", "reason", "source"],
        },
        Collections = ["metrics", "workouts", "ecg", "symptoms", "stateOfMind", "medications", "cycleTracking", "heartRateNotifications"],
    };

    /// <summary>Every metric type.</summary>
    [JsonPropertyName("metrics")] public required IReadOnlyList<MetricType> Metrics { get; init; }

    /// <summary>The fields of a <c>data</c> entry per shape, as the app names them.</summary>
    [JsonPropertyName("shapes")] public required IReadOnlyDictionary<string, IReadOnlyList<string>> Shapes { get; init; }

    /// <summary>The collections read under <c>data</c>.</summary>
    [JsonPropertyName("collections")] public required IReadOnlyList<string> Collections { get; init; }

    private static string Shape(MetricShape shape) => shape switch
    {
        MetricShape.HeartRate => "heart_rate",
        MetricShape.BloodPressure => "blood_pressure",
        MetricShape.Sleep => "sleep",
        MetricShape.BloodGlucose => "blood_glucose",
        MetricShape.Insulin => "insulin",
        _ => "quantity",
    };
}

/// <summary>One metric type.</summary>
/// <param name="Name">Canonical snake_case name.</param>
/// <param name="Category">Activity, heart, nutrition...</param>
/// <param name="Shape">Which fields its entries carry; see <see cref="MetricTypeCatalog.Shapes"/>.</param>
/// <param name="Unit">The canonical unit values are stored in.</param>
/// <param name="Minimum">Smallest accepted value, canonical unit.</param>
/// <param name="Maximum">Largest accepted value, canonical unit.</param>
/// <param name="Description">What it measures.</param>
public sealed record MetricType(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("shape")] string Shape,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("minimum")] double Minimum,
    [property: JsonPropertyName("maximum")] double Maximum,
    [property: JsonPropertyName("description")] string Description);
