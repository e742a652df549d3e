namespace VitaSense.Devices.Model;

/// <summary>
/// Validation errors keyed by the request field's name (<c>serial_number</c>, <c>sync_settings.sync_interval_minutes</c>,
/// <c>limit</c>), in the shape of <see cref="Microsoft.AspNetCore.Http.HttpResults.ValidationProblem"/>'s <c>errors</c>.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    /// <summary>Whether any error was added.</summary>
    public bool Any => errors.Count > 0;

    /// <summary>Records that <paramref name="field"/> is wrong.</summary>
    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>The errors for <c>TypedResults.ValidationProblem</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
