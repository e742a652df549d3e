namespace VitaSense.Devices.Integrations;

/// <summary>The canonical units readings are sent to ingestion in (its metric catalog's), and the conversions vendors need.</summary>
public static class Units
{
    /// <summary>Beats or breaths per minute.</summary>
    public const string PerMinute = "count/min";

    /// <summary>A count (steps).</summary>
    public const string Count = "count";

    /// <summary>Kilograms.</summary>
    public const string Kilograms = "kg";

    /// <summary>Centimetres.</summary>
    public const string Centimetres = "cm";

    /// <summary>Kilometres.</summary>
    public const string Kilometres = "km";

    /// <summary>Kilocalories.</summary>
    public const string Kilocalories = "kcal";

    /// <summary>Percent (0 to 100).</summary>
    public const string Percent = "%";

    /// <summary>Degrees Celsius.</summary>
    public const string Celsius = "degC";

    /// <summary>Millimetres of mercury.</summary>
    public const string MillimetresOfMercury = "mmHg";

    /// <summary>Milligrams per decilitre (glucose).</summary>
    public const string MilligramsPerDecilitre = "mg/dL";

    /// <summary>Hours.</summary>
    public const string Hours = "hr";

    /// <summary>Minutes.</summary>
    public const string Minutes = "min";

    /// <summary>Milliseconds.</summary>
    public const string Milliseconds = "ms";

    /// <summary>A dimensionless score.</summary>
    public const string Score = "score";

    /// <summary>Kilojoules to kilocalories.</summary>
    public static double KilojoulesToKilocalories(double kilojoules) => kilojoules / 4.184;

    /// <summary>mmol/L of glucose to mg/dL (molar mass of glucose 180.156 g/mol).</summary>
    public static double GlucoseMmolToMgDl(double mmol) => mmol * 18.0156;

    /// <summary>Rounds a converted value to a sensible precision (6 decimals) so repeats compare equal.</summary>
    public static double Round(double value) => Math.Round(value, 6);
}
