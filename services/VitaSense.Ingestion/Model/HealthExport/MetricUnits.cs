using System.Collections.Frozen;
using System.Text;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Converts a value from the unit the app wrote (which follows the phone's locale and the user's choice: lb or kg, mmol/L or
/// mg/dL, mi or km, kJ or kcal, degF or degC, ...) to its metric's canonical unit, so one metric is stored in one unit.
/// </summary>
public static class MetricUnits
{
    // A unit is a factor to its dimension's base unit; the same spelling can mean different things in different dimensions
    // ("s" is seconds, "S" siemens; "ms" milliseconds), so each dimension has its own table.
    private sealed record Dimension(string Name, FrozenDictionary<string, double> Factors);

    private static readonly Dimension[] Dimensions =
    [
        D("count", ("count", 1), ("counts", 1), ("times", 1), ("events", 1), ("steps", 1), ("beverages", 1), ("drinks", 1)),
        D("rate", ("count/min", 1), ("bpm", 1), ("beats/min", 1), ("breaths/min", 1), ("/min", 1), ("1/min", 1), ("spm", 1), ("rpm", 1),
            ("count/s", 60), ("count/hr", 1 / 60.0), ("count/h", 1 / 60.0)),
        D("mass", ("kg", 1), ("g", 1e-3), ("mg", 1e-6), ("mcg", 1e-9), ("µg", 1e-9), ("μg", 1e-9), ("ug", 1e-9),
            ("lb", 0.45359237), ("lbs", 0.45359237), ("oz", 0.028349523125), ("st", 6.35029318)),
        D("energy", ("kcal", 1), ("cal", 1), ("kj", 1 / 4.184), ("j", 1 / 4184.0)),
        D("length", ("m", 1), ("km", 1_000), ("cm", 0.01), ("mm", 0.001), ("mi", 1_609.344), ("ft", 0.3048), ("in", 0.0254), ("yd", 0.9144)),
        D("time", ("s", 1), ("sec", 1), ("ms", 0.001), ("min", 60), ("hr", 3_600), ("h", 3_600), ("hours", 3_600), ("d", 86_400), ("day", 86_400)),
        D("temperature", ("degc", 0), ("°c", 0), ("c", 0), ("degf", 0), ("°f", 0), ("f", 0), ("k", 0)),
        D("percent", ("%", 1), ("percent", 1)),
        D("glucose", ("mg/dl", 1), ("mmol/l", 18.0156)),
        D("volume", ("l", 1), ("ml", 1e-3), ("dl", 0.1), ("cl", 0.01), ("fl_oz_us", 0.0295735295625), ("fl_oz", 0.0295735295625),
            ("floz", 0.0295735295625), ("flozus", 0.0295735295625), ("fl.oz", 0.0295735295625), ("fl_oz_imp", 0.0284130625), ("cup_us", 0.2365882365), ("cup", 0.2365882365)),
        D("flow", ("l/min", 1), ("ml/min", 1e-3), ("l/s", 60), ("l/hr", 1 / 60.0)),
        D("sound", ("dbaspl", 1), ("db", 1), ("dbspl", 1), ("dba", 1), ("db(a)", 1)),
        D("vo2", ("ml/(kg.min)", 1), ("ml/(min.kg)", 1), ("ml/min.kg", 1), ("ml/kg.min", 1), ("ml/kg/min", 1), ("ml/min/kg", 1)),
        D("pressure", ("mmhg", 1), ("kpa", 7.500615758), ("cmh2o", 0.735559), ("inhg", 25.4)),
        D("insulin", ("iu", 1), ("u", 1), ("units", 1)),
        D("met", ("kcal/hr.kg", 1), ("kcal/(kg.hr)", 1), ("kcal/(hr.kg)", 1), ("kcal/kg.hr", 1), ("kcal/kg/hr", 1), ("kcal/(kg.h)", 1), ("met", 1), ("mets", 1)),
        D("power", ("w", 1), ("kw", 1_000), ("watts", 1)),
        D("speed", ("km/hr", 1), ("km/h", 1), ("kph", 1), ("mi/hr", 1.609344), ("mi/h", 1.609344), ("mph", 1.609344), ("m/s", 3.6),
            ("ft/s", 1.09728), ("m/min", 0.06), ("m/hr", 0.001)),
        D("illuminance", ("lux", 1), ("lx", 1)),
        D("conductance", ("mcs", 1), ("µs", 1), ("μs", 1), ("us", 1), ("ms", 1_000), ("s", 1e6)),
    ];

    // Dimension of each canonical unit, resolved once; the catalog's canonical units are unambiguous in table order.
    private static readonly FrozenDictionary<string, Dimension> CanonicalDimensions = MetricCatalog.All
        .Select(m => m.CanonicalUnit).Distinct(StringComparer.Ordinal)
        .ToFrozenDictionary(unit => unit, unit => DimensionOf(Key(unit)) ?? throw new InvalidOperationException($"No dimension for canonical unit '{unit}'."), StringComparer.Ordinal);

    /// <summary>
    /// Converts <paramref name="value"/>, written in <paramref name="unit"/>, to <paramref name="metric"/>'s canonical unit.
    /// A null or empty unit means the canonical unit. Percentages the app sends as fractions (0.97) become percent (97).
    /// False when the unit is not one of the metric's dimension: the caller rejects the point for an unknown unit.
    /// </summary>
    public static bool TryNormalise(MetricDefinition metric, string? unit, double value, out double canonicalValue)
    {
        ArgumentNullException.ThrowIfNull(metric);
        canonicalValue = 0;
        if (!double.IsFinite(value) || !CanonicalDimensions.TryGetValue(metric.CanonicalUnit, out var dimension))
        {
            return false;
        }
        var canonical = Key(metric.CanonicalUnit);
        var given = string.IsNullOrWhiteSpace(unit) ? canonical : Key(unit);

        switch (dimension.Name)
        {
            case "temperature":
                if (!TryCelsius(given, value, out var celsius))
                {
                    return false;
                }
                // Every canonical temperature is degC; kept general in case one day it is not.
                return TryFromCelsius(canonical, celsius, out canonicalValue);
            case "percent" when dimension.Factors.ContainsKey(given):
                canonicalValue = value <= 1 ? value * 100 : value;
                return true;
            case "energy" when unit is not null && unit.Trim() == "cal":
                // HealthKit spells the food Calorie "Cal" (= kcal) and the small calorie "cal".
                canonicalValue = value / 1_000 / dimension.Factors[canonical];
                return true;
        }
        if (!dimension.Factors.TryGetValue(given, out var from))
        {
            return false;
        }
        var to = dimension.Factors[canonical];
        canonicalValue = from == to ? value : value * from / to;
        return true;
    }

    private static bool TryCelsius(string unit, double value, out double celsius)
    {
        celsius = unit switch
        {
            "degc" or "°c" or "c" => value,
            "degf" or "°f" or "f" => (value - 32) * 5 / 9,
            "k" => value - 273.15,
            _ => double.NaN,
        };
        return !double.IsNaN(celsius);
    }

    private static bool TryFromCelsius(string unit, double celsius, out double value)
    {
        value = unit switch
        {
            "degc" or "°c" or "c" => celsius,
            "degf" or "°f" or "f" => celsius * 9 / 5 + 32,
            "k" => celsius + 273.15,
            _ => double.NaN,
        };
        return !double.IsNaN(value);
    }

    private static Dimension? DimensionOf(string key) => Dimensions.FirstOrDefault(d => d.Factors.ContainsKey(key));

    // One spelling per unit: case, spaces and the multiplication sign vary across app versions ("ml/(kg·min)", "mL/min·kg").
    private static string Key(string unit)
    {
        var trimmed = unit.Trim();
        if (trimmed.StartsWith("mmol<", StringComparison.OrdinalIgnoreCase) && trimmed.EndsWith(">/L", StringComparison.OrdinalIgnoreCase))
        {
            // HealthKit's molar glucose unit carries the molar mass: "mmol<180.1558800000541>/L".
            return "mmol/l";
        }
        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            switch (c)
            {
                case ' ':
                    break;
                case '·' or '*' or '⋅' or '•':
                    builder.Append('.');
                    break;
                default:
                    builder.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        return builder.ToString();
    }

    private static Dimension D(string name, params (string Unit, double Factor)[] units) =>
        new(name, units.ToFrozenDictionary(u => u.Unit, u => u.Factor, StringComparer.Ordinal));
}
