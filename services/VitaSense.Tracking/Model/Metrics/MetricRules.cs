using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Metrics;

/// <summary>
/// Validates a <c>POST /api/v1/metrics</c> body per metric type, with physiological bounds, and converts it to the
/// type's canonical unit (glucose mg/dL, weight kg, temperature °C), keeping the original value and unit in values.
/// </summary>
public static class MetricRules
{
    /// <summary>mg/dL per mmol/L of glucose.</summary>
    public const double GlucoseMgPerMmol = 18.0182;

    /// <summary>kg per pound.</summary>
    public const double KgPerPound = 0.45359237;

    /// <summary>The meal contexts of a glucose reading.</summary>
    public static readonly IReadOnlyList<string> MealContexts = ["fasting", "before_meal", "after_meal", "bedtime", "random"];

    /// <summary>The reading, or null with every wrong field in <paramref name="errors"/>.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="heightCm">The user's height, for BMI.</param>
    /// <param name="now">For the future check.</param>
    /// <param name="errors">Where problems go.</param>
    public static MetricReading? Parse(JsonElement body, double? heightCm, DateTimeOffset now, FieldErrors errors)
    {
        var f = new JsonFields(body, errors);
        var given = f.Text("metric_type", 100);
        MetricType? type = null;
        if (given is null)
        {
            if (!errors.Has("metric_type"))
            {
                errors.Add("metric_type", "metric_type is required.");
            }
        }
        else if ((type = MetricTypes.Find(given)) is null)
        {
            var canonical = MetricTypes.Canonical(given);
            errors.Add("metric_type", canonical switch
            {
                MetricTypes.SleepAnalysis => "Sleep is recorded with POST /api/v1/sleep, not as a metric.",
                MetricTypes.Workouts => "Workouts are recorded with POST /api/v1/activities, not as a metric.",
                _ => $"Unknown metric_type '{given}'; use e.g. blood_pressure, blood_glucose, weight, body_temperature, spo2, respiratory_rate, steps.",
            });
        }

        var timestamp = f.Instant("timestamp");
        if (timestamp is null && !errors.Has("timestamp"))
        {
            errors.Add("timestamp", "timestamp is required.");
        }
        else if (timestamp > now.AddHours(1))
        {
            errors.Add("timestamp", "timestamp is in the future.");
        }
        var valuesElement = f.Object("values");
        var deviceId = f.Text("device_id", 100);
        var notes = f.Text("notes", 2_000);
        if (type is null || errors.Has("values"))
        {
            return null;
        }

        var values = valuesElement is { } v ? JsonObject.Create(v.Clone())! : [];
        var input = new Input(f, valuesElement is { } ve ? new JsonFields(ve, errors, "values.") : new JsonFields(default, errors, "values."), values, given!, type);
        var value = type.Shape switch
        {
            MetricShape.BloodPressure => BloodPressure(input),
            MetricShape.BloodGlucose => Glucose(input),
            MetricShape.Weight => Weight(input, heightCm),
            MetricShape.Temperature => Temperature(input),
            _ => Quantity(input),
        };
        if (errors.Any)
        {
            return null;
        }
        using var document = JsonDocument.Parse(values.ToJsonString());
        return new MetricReading
        {
            MetricType = type.Name,
            Timestamp = timestamp!.Value,
            Value = value,
            Unit = type.Unit,
            Values = document.RootElement.Clone(),
            DeviceId = deviceId,
            Notes = notes,
        };
    }

    private sealed record Input(JsonFields Body, JsonFields Values, JsonObject Stored, string GivenName, MetricType Type)
    {
        public FieldErrors Errors => Body.Errors;

        /// <summary>The unit named at the top level or in values, if any.</summary>
        public string? Unit => Values.Text("unit", 20) ?? Body.Text("unit", 20);

        /// <summary>The reading's number: <c>value</c> at the top or in values, or a values member named after the type.</summary>
        public double? Number(params string[] names)
        {
            foreach (var name in names.Concat(["value", Type.Name, MetricTypes.Canonical(GivenName), GivenName]))
            {
                if (Values.Has(name))
                {
                    return Values.Number(name);
                }
            }
            if (Body.Has("value"))
            {
                return Body.Number("value");
            }
            // A values object of one number is that number, whatever it is called.
            if (Type.Shape == MetricShape.Quantity && Values.Root.ValueKind == JsonValueKind.Object)
            {
                var numbers = Values.Root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToList();
                if (numbers.Count == 1)
                {
                    return numbers[0].Value.GetDouble();
                }
            }
            Errors.Add("values.value", $"A {Type.Name} reading needs a value (values.value).");
            return null;
        }
    }

    private static double? Quantity(Input input)
    {
        var value = input.Number();
        if (input.Unit is { } unit && !SameUnit(unit, input.Type.Unit))
        {
            input.Errors.Add("values.unit", $"{input.Type.Name} is recorded in {input.Type.Unit}, not {unit}.");
        }
        value = input.Values.InRange("value", value, input.Type.Min, input.Type.Max, input.Type.Unit);
        if (value is { } v)
        {
            input.Stored["value"] = v;
        }
        return value;
    }

    private static double? BloodPressure(Input input)
    {
        var systolic = Required(input, "systolic", 50, 260);
        var diastolic = Required(input, "diastolic", 30, 160);
        input.Values.Number("pulse", 20, 250, "bpm");
        if (systolic is { } s && diastolic is { } d)
        {
            if (s <= d)
            {
                input.Errors.Add("values.systolic", "values.systolic must be above values.diastolic.");
            }
            input.Stored["pulse_pressure"] = s - d;
        }
        return null;
    }

    private static double? Glucose(Input input)
    {
        var value = input.Number("glucose", "level");
        var unit = input.Unit ?? "mg/dL";
        double factor;
        if (SameUnit(unit, "mg/dL"))
        {
            factor = 1;
        }
        else if (SameUnit(unit, "mmol/L"))
        {
            factor = GlucoseMgPerMmol;
        }
        else
        {
            input.Errors.Add("values.unit", "Blood glucose is given in mg/dL or mmol/L.");
            return null;
        }
        var context = input.Values.Text("meal_context", 32) ?? input.Values.Text("meal_time", 32) ?? input.Values.Text("context", 32);
        if (context is not null)
        {
            context = context.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (!MealContexts.Contains(context))
            {
                input.Errors.Add("values.meal_context", $"values.meal_context must be one of {string.Join(", ", MealContexts)}.");
            }
            input.Stored["meal_context"] = context;
        }
        return Converted(input, value, unit, factor, "mg/dL");
    }

    private static double? Weight(Input input, double? heightCm)
    {
        var value = input.Number("weight");
        var unit = input.Unit ?? "kg";
        double factor;
        if (unit.ToLowerInvariant() is "kg" or "kgs" or "kilogram" or "kilograms")
        {
            factor = 1;
        }
        else if (unit.ToLowerInvariant() is "lb" or "lbs" or "pound" or "pounds")
        {
            factor = KgPerPound;
        }
        else
        {
            input.Errors.Add("values.unit", "Weight is given in kg or lb.");
            return null;
        }
        var kg = Converted(input, value, unit, factor, "kg");
        input.Values.Number("body_fat_percentage", 2, 75, "%");
        input.Values.Number("water_percentage", 20, 80, "%");
        input.Values.Number("visceral_fat", 1, 60);
        foreach (var (name, max) in new[] { ("muscle_mass", 300.0), ("bone_mass", 20.0), ("lean_body_mass", 400.0) })
        {
            if (input.Values.InRange(name, input.Values.Number(name) * factor, 0.1, max, "kg") is { } mass)
            {
                input.Stored[name] = Math.Round(mass, 2);
            }
        }
        if (input.Values.Has("bmi"))
        {
            input.Values.Number("bmi", 8, 100);
        }
        else if (kg is { } w && heightCm is { } h && h > 0)
        {
            input.Stored["bmi"] = Math.Round(w / Math.Pow(h / 100, 2), 1);
        }
        return kg;
    }

    private static double? Temperature(Input input)
    {
        var value = input.Number("temperature");
        var unit = input.Unit ?? "C";
        var celsius = unit.ToLowerInvariant().Replace("°", "", StringComparison.Ordinal) is "c" or "degc" or "celsius";
        var fahrenheit = unit.ToLowerInvariant().Replace("°", "", StringComparison.Ordinal) is "f" or "degf" or "fahrenheit";
        if (!celsius && !fahrenheit)
        {
            input.Errors.Add("values.unit", "Body temperature is given in C or F.");
            return null;
        }
        if (value is not { } v)
        {
            return null;
        }
        var degrees = fahrenheit ? (v - 32) * 5 / 9 : v;
        if (degrees < input.Type.Min || degrees > input.Type.Max)
        {
            input.Errors.Add("values.value", $"A body temperature must be between {input.Type.Min} and {input.Type.Max} °C.");
            return null;
        }
        degrees = Math.Round(degrees, 2);
        if (fahrenheit)
        {
            input.Stored["original_value"] = v;
            input.Stored["original_unit"] = unit;
        }
        input.Stored["value"] = degrees;
        input.Stored["unit"] = input.Type.Unit;
        return degrees;
    }

    private static double? Converted(Input input, double? value, string unit, double factor, string canonicalUnit)
    {
        if (value is not { } v)
        {
            return null;
        }
        var converted = Math.Round(v * factor, 2);
        if (converted < input.Type.Min || converted > input.Type.Max)
        {
            input.Errors.Add("values.value", string.Create(CultureInfo.InvariantCulture,
                $"A {input.Type.Name} reading must be between {input.Type.Min} and {input.Type.Max} {canonicalUnit} ({v} {unit} is {converted} {canonicalUnit})."));
            return null;
        }
        if (factor != 1)
        {
            input.Stored["original_value"] = v;
            input.Stored["original_unit"] = unit;
        }
        input.Stored["value"] = converted;
        input.Stored["unit"] = canonicalUnit;
        return converted;
    }

    private static double? Required(Input input, string name, double min, double max)
    {
        var value = input.Values.Number(name);
        if (value is null && !input.Errors.Has("values." + name))
        {
            input.Errors.Add("values." + name, $"values.{name} is required.");
        }
        return input.Values.InRange(name, value, min, max, "mmHg");
    }

    private static bool SameUnit(string given, string canonical) =>
        string.Equals(Simplify(given), Simplify(canonical), StringComparison.OrdinalIgnoreCase);

    private static string Simplify(string unit) => unit.Trim().ToLowerInvariant() switch
    {
        "bpm" or "beats/min" or "/min" or "count/min" or "breaths/min" => "count/min",
        "percent" or "%" => "%",
        "steps" or "count" => "count",
        var other => other,
    };
}
