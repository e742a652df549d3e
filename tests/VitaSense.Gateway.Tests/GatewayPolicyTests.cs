using System.Net;
using System.Text.Json;

namespace VitaSense.Gateway.Tests;

public sealed class GatewayPolicyTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("/agents/status")]
    [InlineData("/nothing/here")]
    [InlineData("/health")]
    public async Task Security_headers_are_on_every_response_and_override_downstream(string url)
    {
        using var response = await gateway.Http.GetAsync(url);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        // The echo service sends SAMEORIGIN; the gateway's policy wins.
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Null(Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Strict_transport_security_only_over_https()
    {
        using var response = await gateway.Https.GetAsync("/agents/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Header(response, "Strict-Transport-Security"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Cors_allows_the_configured_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/agents/status");
        request.Headers.Add("Origin", GatewayFactory.AllowedOrigin);
        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatewayFactory.AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_preflight_for_the_configured_origin_is_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/status");
        request.Headers.Add("Origin", GatewayFactory.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var response = await gateway.Http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal(GatewayFactory.AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods") ?? "");
    }

    [Fact]
    public async Task Cors_ignores_other_origins()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/agents/status");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await gateway.Http.SendAsync(request);

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Status_body_over_16_KiB_is_413_and_never_forwarded()
    {
        // With Expect: 100-continue the client waits for the verdict before sending the body, as a well-behaved client of
        // a large upload does; without it the gateway answers at once and may close while the body is still being sent,
        // which the client then reports as a broken connection rather than reading the 413.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = new ByteArrayContent(new byte[16 * 1024 + 1]) };
        request.Headers.ExpectContinue = true;
        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Chunked_status_body_over_16_KiB_is_413()
    {
        // No Content-Length: the limit is only found while streaming the body.
        var content = new StreamContent(new MemoryStream(new byte[64 * 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Status_body_under_the_limit_passes()
    {
        using var response = await gateway.Http.PostAsync("/status", new ByteArrayContent(new byte[16 * 1024]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sync_takes_bodies_far_over_the_status_limit_up_to_the_server_limit()
    {
        using var large = await gateway.Http.PostAsync("/api/v1/sync", new ByteArrayContent(new byte[GatewayFactory.MaxRequestBodyBytes]));
        using var tooLarge = await gateway.Http.PostAsync("/api/v1/sync", new ByteArrayContent(new byte[GatewayFactory.MaxRequestBodyBytes + 1]));

        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
