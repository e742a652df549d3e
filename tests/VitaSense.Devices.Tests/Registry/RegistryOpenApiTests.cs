using System.Net.Http.Json;
using System.Text.Json;

namespace VitaSense.Devices.Tests.Registry;

/// <summary>The registry, health and analytics endpoints are described in the service's OpenAPI document.</summary>
public sealed class RegistryOpenApiTests(DevicesFactory factory) : IClassFixture<DevicesFactory>
{
    [Fact]
    public async Task The_openapi_document_lists_every_registry_health_and_analytics_operation()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _))
                .Select(o => (Path: path.Name, Method: o.Name, Id: o.Value.GetProperty("operationId").GetString())))
            .ToList();

        foreach (var (path, method, id) in new[]
        {
            ("/api/v1/devices", "post", "RegisterDevice"),
            ("/api/v1/devices", "get", "ListDevices"),
            ("/api/v1/devices/{device_id}", "get", "GetDevice"),
            ("/api/v1/devices/{device_id}", "put", "UpdateDevice"),
            ("/api/v1/devices/{device_id}", "delete", "UnregisterDevice"),
            ("/api/v1/devices/{device_id}/firmware", "get", "GetDeviceFirmwareHistory"),
            ("/api/v1/devices/{device_id}/health", "get", "GetDeviceHealth"),
            ("/api/v1/devices/health/summary", "get", "GetDeviceHealthSummary"),
            ("/api/v1/analytics/device-usage", "get", "GetDeviceUsageAnalytics"),
            ("/api/v1/analytics/data-quality", "get", "GetDataQualityAnalytics"),
        })
        {
            Assert.Contains((path, method, id), operations);
        }
    }
}
