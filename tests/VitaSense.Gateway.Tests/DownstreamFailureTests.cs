using System.Net;
using System.Text.Json;

namespace VitaSense.Gateway.Tests;

public sealed class DownstreamFailureTests(DeadAgentsGatewayFactory gateway) : IClassFixture<DeadAgentsGatewayFactory>
{
    [Fact]
    public async Task Unreachable_service_answers_502_problem_details()
    {
        using var response = await gateway.Http.GetAsync("/agents/status");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("agents", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Other_services_keep_working()
    {
        using var response = await gateway.Http.GetAsync("/status/device-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_shows_the_dead_cluster_as_degraded()
    {
        using var response = await gateway.Http.GetAsync("/health");

        // Degraded, not unhealthy: one dead service must not take every other route out of rotation.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
        var checks = health.RootElement.GetProperty("checks");
        Assert.Equal("degraded", checks.GetProperty("cluster-agents").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("cluster-ingestion").GetProperty("status").GetString());
    }
}
