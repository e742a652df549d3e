using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace VitaSense.ServiceDefaults.Validation;

/// <summary>
/// Validation errors of one request keyed by the request field's name as the client spelled it (<c>serial_number</c>,
/// <c>values.systolic</c>, <c>route.coordinates[0].lat</c>, <c>limit</c>), answered as one 400 validation ProblemDetails
/// whose <c>errors</c> name every field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    /// <summary>Whether any error was added.</summary>
    public bool Any => errors.Count > 0;

    /// <summary>Whether <paramref name="field"/> already has an error (later checks that build on it can be skipped).</summary>
    public bool Has(string field) => errors.ContainsKey(field);

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

    /// <summary>The 400 answer.</summary>
    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary(), title: "One or more fields are invalid.");
}
