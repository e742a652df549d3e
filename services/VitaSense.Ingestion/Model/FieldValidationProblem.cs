using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace VitaSense.Ingestion.Model;

/// <summary>
/// A rejected request body: ProblemDetails members (<c>type</c>, <c>title</c>, <c>status</c>) whose <c>detail</c> is
/// the specification's list of field errors, all of them at once.
/// </summary>
/// <param name="Status">400 for invalid values, 422 when fields are only missing.</param>
/// <param name="Detail">The errors.</param>
public sealed record FieldValidationProblem(
    [property: JsonPropertyName("status"), JsonPropertyOrder(3)] int Status,
    [property: JsonPropertyName("detail"), JsonPropertyOrder(4)] IReadOnlyList<FieldError> Detail)
{
    /// <summary>The ProblemDetails media type.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>RFC reference of the status.</summary>
    [JsonPropertyName("type"), JsonPropertyOrder(1)] public string Type => Status == StatusCodes.Status422UnprocessableEntity
        ? "https://tools.ietf.org/html/rfc4918#section-11.2"
        : "https://tools.ietf.org/html/rfc9110#section-15.5.1";

    /// <summary>Always the same sentence.</summary>
    [JsonPropertyName("title"), JsonPropertyOrder(2)] public string Title => "One or more validation errors occurred.";

    /// <summary>400 if any error is more than a missing field, else 422.</summary>
    public static FieldValidationProblem For(IReadOnlyList<FieldError> errors) => new(
        errors.All(e => e.Type == FieldError.MissingType) ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest,
        errors);
}
