using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VitaSense.TestSupport;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>
/// A stand-in for ingestion's <c>POST /api/v1/devices/{device_id}/data</c> on a free local port: checks the body's
/// shape and the bearer token's subject, stores readings keyed by (device, data type, timestamp) so a repeat counts
/// as a duplicate, and answers in ingestion's result shape. Can answer 404 (device not known yet) a number of times.
/// </summary>
public sealed class FakeIngestion : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeIngestion()
    {
        app = LocalServer.CreateBuilder().Build();
        app.MapPost("/api/v1/devices/{deviceId}/data", UploadAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Stored readings by (device, data type, timestamp): the value and unit as sent, and the token's subject.</summary>
    public ConcurrentDictionary<(string Device, string DataType, DateTimeOffset Timestamp), (JsonElement Value, string Unit, string User, string? Quality)> Readings { get; } = new();

    public ConcurrentQueue<string> Posts { get; } = new();

    public int NotFoundAnswers;

    public static FakeIngestion Start()
    {
        var server = new FakeIngestion();
        server.app.StartAsync().GetAwaiter().GetResult();
        server.BaseUrl = LocalServer.Address(server.app);
        return server;
    }

    public IReadOnlyList<KeyValuePair<(string Device, string DataType, DateTimeOffset Timestamp), (JsonElement Value, string Unit, string User, string? Quality)>> Of(Guid deviceId, string? dataType = null) =>
        [.. Readings.Where(r => r.Key.Device == deviceId.ToString() && (dataType is null || r.Key.DataType == dataType)).OrderBy(r => r.Key.Timestamp)];

    private async Task<IResult> UploadAsync(string deviceId, HttpContext context)
    {
        Posts.Enqueue(deviceId);
        if (Interlocked.Decrement(ref NotFoundAnswers) >= 0)
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"Device {deviceId} not found");
        }
        Interlocked.Exchange(ref NotFoundAnswers, 0);
        var user = Subject(context.Request.Headers.Authorization.ToString());
        if (user is null)
        {
            return Results.Problem(statusCode: 401, title: "Unauthorized");
        }
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var root = document.RootElement;
        var dataType = root.GetProperty("data_type").GetString()!;
        long accepted = 0, duplicates = 0;
        foreach (var value in root.GetProperty("values").EnumerateArray())
        {
            var at = value.GetProperty("timestamp").GetDateTimeOffset();
            var unit = value.GetProperty("unit").GetString()!;
            var quality = value.TryGetProperty("quality", out var q) ? q.GetString() : null;
            if (Readings.TryAdd((deviceId, dataType, at), (value.GetProperty("value").Clone(), unit, user, quality)))
            {
                accepted++;
            }
            else
            {
                duplicates++;
            }
        }
        return Results.Ok(new { device_id = deviceId, data_type = dataType, ingestion_id = 1, accepted, duplicates, rejected = 0, status = "accepted", errors = Array.Empty<object>() });
    }

    // The signature is ingestion's business (the real-ingestion test covers it); here the subject must be the owner.
    private static string? Subject(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header[7..].Split('.') is not { Length: 3 } parts)
        {
            return null;
        }
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return claims.RootElement.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
