extern alias agents;

using System.Net;
using System.Text.Json;
using VitaSense.Contracts;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary><c>/data/anomalies</c> and <c>/data/quality</c>: the caller's rows only.</summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class DataApiTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private static readonly DateTimeOffset T0 = new(2025, 7, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Anomalies_and_issues_are_visible_to_their_owner_only()
    {
        var owner = NewId("user");
        var deviceId = NewId("device");
        var source = NewId("app");
        await Kafka.ProduceAsync(Topics.DeviceAnomalies, deviceId, Anomaly(owner, deviceId, "low_battery", T0));
        await Kafka.ProduceAsync(Topics.DeviceAnomalies, deviceId, Anomaly(owner, deviceId, "device_offline", T0.AddHours(1)));
        await Kafka.ProduceAsync(Topics.DataQualityIssues, deviceId, Issue(owner, deviceId, source, "out_of_range", T0));
        using var ownerClient = Client(owner);
        using var otherClient = Client(NewId("user"));

        var anomalies = await EventuallyAsync(async () => await GetArrayAsync(ownerClient, $"/data/anomalies/{deviceId}") is { Count: 2 } found ? found : null, Timeout, "both anomalies");
        Assert.Equal(["device_offline", "low_battery"], anomalies.Select(a => a.GetProperty("type").GetString()));
        Assert.Equal(deviceId, anomalies[0].GetProperty("device_id").GetString());
        Assert.Equal(owner, anomalies[0].GetProperty("payload").GetProperty("user_id").GetString());
        var issues = await EventuallyAsync(async () => await GetArrayAsync(ownerClient, $"/data/quality/{deviceId}") is { Count: 1 } found ? found : null, Timeout, "the issue");
        Assert.Equal("out_of_range", issues[0].GetProperty("issue_type").GetString());
        Assert.Equal(400, issues[0].GetProperty("value").GetDouble());
        // The issue is found by its source name as well as by its device id.
        Assert.Single((await GetArrayAsync(ownerClient, $"/data/quality/{source}"))!);
        Assert.Single((await GetArrayAsync(ownerClient, $"/data/anomalies/{deviceId}?limit=1"))!);

        Assert.Empty((await GetArrayAsync(otherClient, $"/data/anomalies/{deviceId}"))!);
        Assert.Empty((await GetArrayAsync(otherClient, $"/data/quality/{deviceId}"))!);
        Assert.Empty((await GetArrayAsync(otherClient, $"/data/quality/{source}"))!);
    }

    [Theory]
    [InlineData("/data/anomalies/some-device?limit=0", "limit")]
    [InlineData("/data/quality/some-device?limit=501", "limit")]
    public async Task A_bad_limit_is_a_validation_problem(string path, string field)
    {
        using var client = Client(NewId("user"));
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Without_a_token_nothing_is_returned()
    {
        using var client = Factory.CreateClient();
        using var response = await client.GetAsync("/data/anomalies/some-device");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<List<JsonElement>?> GetArrayAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
