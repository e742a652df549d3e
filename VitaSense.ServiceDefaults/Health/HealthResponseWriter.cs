using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VitaSense.ServiceDefaults.Health;

/// <summary>
/// Writes health reports in the shape the device-status specification gives for <c>GET /health</c>
/// (<c>status</c>, <c>timestamp</c>, <c>database</c>, <c>version</c>), plus each check's own status.
/// </summary>
public static class HealthResponseWriter
{
    /// <summary>Checks carrying this tag decide the <c>database</c> field.</summary>
    public const string DatabaseTag = "database";

    private static readonly string Version =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";

    /// <summary>Writes <paramref name="report"/> as JSON.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status switch
            {
                HealthStatus.Healthy => "healthy",
                HealthStatus.Degraded => "degraded",
                _ => "unhealthy",
            });
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            var database = report.Entries.Values.Where(e => e.Tags.Contains(DatabaseTag)).ToList();
            if (database.Count > 0)
            {
                json.WriteString("database", database.All(e => e.Status == HealthStatus.Healthy) ? "connected" : "disconnected");
            }
            json.WriteString("version", Version);
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString().ToLowerInvariant());
                json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 1));
                if (entry.Status != HealthStatus.Healthy && entry.Description is not null)
                {
                    json.WriteString("description", entry.Description);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}
