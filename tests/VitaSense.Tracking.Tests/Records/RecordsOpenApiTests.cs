using System.Net;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

public sealed class RecordsOpenApiTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    [Fact]
    public async Task The_document_describes_every_records_endpoint_in_snake_case()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        var document = await ReadAsync(response, HttpStatusCode.OK);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.TryGetProperty("operationId", out _))
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToHashSet();
        string[] expected =
        [
            "GetProfile", "UpdateProfile", "CreateActivity", "ListActivities", "GetActivity", "UpdateActivity", "DeleteActivity",
            "CreateMetric", "ListMetrics", "GetMetricsSummary", "GetLatestMetrics", "CreateHeartRate", "ListHeartRate",
            "GetHeartRateZones", "CreateSleep", "ListSleep",
        ];
        Assert.All(expected, name => Assert.Contains(name, operations));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("Activity").GetProperty("properties").TryGetProperty("pace_min_per_km", out _));
        Assert.True(schemas.GetProperty("MetricReading").GetProperty("properties").TryGetProperty("metric_type", out _));
    }
}
