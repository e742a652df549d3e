using System.Text.Json;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Apis;

/// <summary>Reads a request body as a JSON document, reporting a body that is not JSON under <c>body</c>.</summary>
public static class JsonBody
{
    /// <summary>The parsed body, or null with an error.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpContext context, FieldErrors errors)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                errors.Add("body", "The body must be a JSON object.");
                return null;
            }
            return document;
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"The body is not valid JSON: {ex.Message}");
            return null;
        }
    }
}
