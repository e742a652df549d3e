using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model;

/// <summary>One validation error in the specification's (FastAPI/pydantic) shape.</summary>
/// <param name="Loc">Where: <c>["body", "battery_level"]</c>, <c>["query", "limit"]</c> or <c>["body"]</c>.</param>
/// <param name="Msg">What is wrong, for a person.</param>
/// <param name="Type">Machine-readable kind, such as <c>value_error.number.not_le</c> or <c>value_error.missing</c>.</param>
/// <param name="Ctx">Limits involved, such as <c>{"limit_value": 100}</c>.</param>
public sealed record FieldError(
    [property: JsonPropertyName("loc")] IReadOnlyList<string> Loc,
    [property: JsonPropertyName("msg")] string Msg,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("ctx"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Ctx = null)
{
    /// <summary>The type of a missing-field error; requests with only these are answered 422, others 400.</summary>
    public const string MissingType = "value_error.missing";
}
