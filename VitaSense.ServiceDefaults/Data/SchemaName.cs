using System.Text.RegularExpressions;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// Schema and table names are spliced into SQL text (identifiers cannot be parameters), so only plain
/// lower-case identifiers are accepted.
/// </summary>
public static partial class SchemaName
{
    /// <summary>Returns <paramref name="identifier"/> when it is a plain identifier; throws otherwise.</summary>
    public static string Validate(string identifier) =>
        Identifier().IsMatch(identifier)
            ? identifier
            : throw new ArgumentException($"'{identifier}' is not a plain lower-case SQL identifier.", nameof(identifier));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
