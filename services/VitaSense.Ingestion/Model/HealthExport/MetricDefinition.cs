namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// A metric Health Auto Export sends. <paramref name="Minimum"/> and <paramref name="Maximum"/> bound what is physically
/// possible for one point, in <paramref name="CanonicalUnit"/>: deliberately generous, they only catch absurd values
/// (a unit mix-up, a corrupt reading), never an unusual person.
/// </summary>
/// <param name="Name">Canonical snake_case name, as <see cref="MetricNames.Canonical"/> gives it.</param>
/// <param name="Category">Grouping: activity, body, heart, mobility, respiratory, temperature, environment, audio, sleep, metabolic, dietary, mindfulness, hygiene, reproductive, other.</param>
/// <param name="Shape">Which point fields hold the value.</param>
/// <param name="CanonicalUnit">The one unit values are stored in, spelled as the app spells it.</param>
/// <param name="Minimum">Lowest possible value in the canonical unit.</param>
/// <param name="Maximum">Highest possible value in the canonical unit.</param>
/// <param name="Description">What the metric measures.</param>
public sealed record MetricDefinition(string Name, string Category, MetricShape Shape, string CanonicalUnit, double Minimum, double Maximum, string Description)
{
    /// <summary>True when <paramref name="value"/> (in the canonical unit) lies within the possible bounds.</summary>
    public bool IsPossible(double value) => value >= Minimum && value <= Maximum;
}
