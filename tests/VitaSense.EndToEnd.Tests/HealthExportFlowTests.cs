using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VitaSense.EndToEnd.Tests;

/// <summary>The Health Auto Export app → gateway → ingestion, with each header the app can be configured to send.</summary>
[Collection(AppCollection.Name)]
public sealed class HealthExportFlowTests(AppFixture fixture)
{
    [Theory]
    [InlineData("api-key")]
    [InlineData("X-API-Key")]
    [InlineData("Authorization")]
    public async Task An_export_is_accepted_with_the_key_in_any_supported_header_and_counted_in_the_stats(string header)
    {
        var user = $"user-{Guid.NewGuid():N}";
        var key = await fixture.CreateApiKeyAsync(user);
        var date = DateTimeOffset.UtcNow.AddHours(-2).ToOffset(TimeSpan.FromHours(-7)).ToString("yyyy-MM-dd HH:mm:ss ") + "-0700";
        var body = $$"""
            {"data": {"metrics": [
              {"name": "heart_rate", "units": "count/min", "data": [{"Min": 58, "Avg": 64, "Max": 71, "date": "{{date}}", "source": "My Apple Watch"}]},
              {"name": "weight_body_mass", "units": "lb", "data": [{"qty": 165.3, "date": "{{date}}", "source": "Scale"}]}]
            }
            }
            """;

        using var sync = WithKey(new HttpRequestMessage(HttpMethod.Post, "/api/v1/sync") { Content = new StringContent(body, Encoding.UTF8, "application/json") }, header, key);
        using var response = await fixture.Gateway.SendAsync(sync);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.OK, summary.ToString());
        Assert.Equal(2, summary.GetProperty("totals").GetProperty("accepted").GetInt64());

        using var stats = WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/v1/stats"), header, key);
        var rows = (await (await fixture.Gateway.SendAsync(stats)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows_by_type");
        Assert.Equal(1, rows.GetProperty("heart_rate").GetInt64());
        Assert.Equal(1, rows.GetProperty("weight_body_mass").GetInt64());
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string header, string key)
    {
        if (header == "Authorization")
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        else
        {
            request.Headers.Add(header, key);
        }
        return request;
    }
}
