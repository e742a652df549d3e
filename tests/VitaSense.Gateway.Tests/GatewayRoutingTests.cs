using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VitaSense.Gateway.Tests;

public sealed class GatewayRoutingTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("POST", "/status", "ingestion", "/status")]
    [InlineData("GET", "/status/device-42?limit=5", "ingestion", "/status/device-42")]
    [InlineData("GET", "/status/device-42/history", "ingestion", "/status/device-42/history")]
    [InlineData("POST", "/api/v1/api-keys", "ingestion", "/api/v1/api-keys")]
    [InlineData("DELETE", "/api/v1/api-keys/k123", "ingestion", "/api/v1/api-keys/k123")]
    [InlineData("POST", "/api/v1/sync", "ingestion", "/api/v1/sync")]
    [InlineData("POST", "/api/v1/ingestions/42/replay", "ingestion", "/api/v1/ingestions/42/replay")]
    [InlineData("GET", "/api/v1/stats", "ingestion", "/api/v1/stats")]
    [InlineData("GET", "/api/v1/metric-types", "ingestion", "/api/v1/metric-types")]
    [InlineData("GET", "/api/v1/metrics?metric_type=weight", "tracking", "/api/v1/metrics")]
    [InlineData("POST", "/api/v1/metrics", "tracking", "/api/v1/metrics")]
    [InlineData("GET", "/api/v1/metrics/summary", "tracking", "/api/v1/metrics/summary")]
    [InlineData("GET", "/api/v1/activities", "tracking", "/api/v1/activities")]
    [InlineData("PUT", "/api/v1/activities/a-1", "tracking", "/api/v1/activities/a-1")]
    [InlineData("GET", "/api/v1/goals/g-1/progress", "tracking", "/api/v1/goals/g-1/progress")]
    [InlineData("POST", "/api/v1/sleep", "tracking", "/api/v1/sleep")]
    [InlineData("GET", "/api/v1/sleep/analysis", "tracking", "/api/v1/sleep/analysis")]
    [InlineData("GET", "/api/v1/heart-rate/zones", "tracking", "/api/v1/heart-rate/zones")]
    [InlineData("PUT", "/api/v1/profile", "tracking", "/api/v1/profile")]
    [InlineData("GET", "/api/v1/analytics/correlations", "tracking", "/api/v1/analytics/correlations")]
    [InlineData("GET", "/api/v1/analytics/anomalies", "tracking", "/api/v1/analytics/anomalies")]
    [InlineData("POST", "/api/v1/devices/dev-1/data", "ingestion", "/api/v1/devices/dev-1/data")]
    [InlineData("GET", "/api/v1/devices/dev-1/data/latest", "ingestion", "/api/v1/devices/dev-1/data/latest")]
    [InlineData("DELETE", "/api/v1/devices/dev-1/data?data_type=heart_rate", "ingestion", "/api/v1/devices/dev-1/data")]
    [InlineData("POST", "/api/v1/devices", "devices", "/api/v1/devices")]
    [InlineData("GET", "/api/v1/devices?device_type=smartwatch&limit=5", "devices", "/api/v1/devices")]
    [InlineData("PUT", "/api/v1/devices/dev-1", "devices", "/api/v1/devices/dev-1")]
    [InlineData("GET", "/api/v1/devices/dev-1/health", "devices", "/api/v1/devices/dev-1/health")]
    [InlineData("GET", "/api/v1/devices/health/summary", "devices", "/api/v1/devices/health/summary")]
    [InlineData("POST", "/api/v1/devices/dev-1/sync", "devices", "/api/v1/devices/dev-1/sync")]
    [InlineData("GET", "/api/v1/sync/status", "devices", "/api/v1/sync/status")]
    [InlineData("POST", "/api/v1/sync/retry/s-1", "devices", "/api/v1/sync/retry/s-1")]
    [InlineData("GET", "/api/v1/integrations", "devices", "/api/v1/integrations")]
    [InlineData("POST", "/api/v1/integrations/fitbit/auth", "devices", "/api/v1/integrations/fitbit/auth")]
    [InlineData("GET", "/api/v1/analytics/device-usage", "devices", "/api/v1/analytics/device-usage")]
    [InlineData("GET", "/api/v1/analytics/sync-performance", "devices", "/api/v1/analytics/sync-performance")]
    [InlineData("GET", "/agents/status", "agents", "/agents/status")]
    [InlineData("GET", "/data/anomalies/device-42", "agents", "/data/anomalies/device-42")]
    [InlineData("GET", "/forecast/steps?days=7", "agents", "/forecast/steps")]
    public async Task Each_prefix_reaches_its_service_with_path_and_query_unchanged(string method, string url, string service, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        var echo = await SendAsync(request);

        Assert.Equal(service, echo.Service);
        Assert.Equal(method, echo.Method);
        Assert.Equal(path, echo.Path);
        var query = url.Contains('?') ? url[url.IndexOf('?')..] : "";
        Assert.Equal(query, echo.Query);
    }

    [Theory]
    [InlineData("/openapi/ingestion/v1.json", "ingestion")]
    [InlineData("/openapi/agents/v1.json", "agents")]
    [InlineData("/openapi/devices/v1.json", "devices")]
    [InlineData("/openapi/tracking/v1.json", "tracking")]
    public async Task OpenApi_documents_are_reachable_per_service(string url, string service)
    {
        var echo = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        Assert.Equal(service, echo.Service);
        Assert.Equal("/openapi/v1.json", echo.Path);
    }

    [Theory]
    [InlineData("api-key", "vsk_abcdefghijkl_secret", "ingestion")]
    [InlineData("X-API-Key", "vsk_abcdefghijkl_secret", "ingestion")]
    [InlineData("Authorization", "Bearer vsk_abcdefghijkl_secret", "ingestion")]
    [InlineData("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "tracking")]
    public async Task Get_metrics_is_the_catalogue_for_api_key_callers_and_the_history_for_token_callers(string header, string value, string service)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metrics");
        request.Headers.TryAddWithoutValidation(header, value);

        var echo = await SendAsync(request);

        Assert.Equal(service, echo.Service);
        Assert.Equal("/api/v1/metrics", echo.Path);
    }

    [Fact]
    public async Task Credentials_and_trace_headers_are_forwarded_unchanged()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer vsk_abcdefghijkl_secret-value");
        request.Headers.TryAddWithoutValidation("X-API-Key", "vsk_abcdefghijkl_other-secret");
        request.Headers.TryAddWithoutValidation("api-key", "vsk_abcdefghijkl_third-secret");
        request.Headers.TryAddWithoutValidation("X-Request-ID", "req-7f3a");
        request.Headers.TryAddWithoutValidation("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        var echo = await SendAsync(request);

        Assert.Equal("Bearer vsk_abcdefghijkl_secret-value", echo.Headers["authorization"]);
        Assert.Equal("vsk_abcdefghijkl_other-secret", echo.Headers["x-api-key"]);
        Assert.Equal("vsk_abcdefghijkl_third-secret", echo.Headers["api-key"]);
        Assert.Equal("req-7f3a", echo.Headers["x-request-id"]);
        // The gateway takes part in the trace: same trace id, its own span as parent.
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", echo.Headers["traceparent"]);
    }

    [Fact]
    public async Task Unknown_path_is_404_problem_details()
    {
        using var response = await gateway.Http.GetAsync("/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Gateway_health_reports_each_cluster()
    {
        using var response = await gateway.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
        var checks = health.RootElement.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("cluster-ingestion").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("cluster-agents").GetProperty("status").GetString());
    }

    private async Task<EchoReply> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await gateway.Http.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<EchoReply>(Json))!;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
