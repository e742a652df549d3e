namespace VitaSense.Agents.Quality;

/// <summary>An inclusive range of possible values.</summary>
/// <param name="Min">Smallest possible value.</param>
/// <param name="Max">Largest possible value.</param>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>Whether <paramref name="value"/> is a finite number inside the range.</summary>
    public bool Contains(double value) => double.IsFinite(value) && value >= Min && value <= Max;
}
