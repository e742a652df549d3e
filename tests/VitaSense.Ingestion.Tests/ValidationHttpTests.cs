using System.Net;
using System.Text;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests;

/// <summary>Every bad input over HTTP: a 4xx in the specification's shape, ProblemDetails members, and nothing stored.</summary>
public sealed class ValidationHttpTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    public static TheoryData<string, int, string, string> BadBodies()
    {
        var ts = MinutesAgo(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        string Body(string device = "\"dev-1\"", string? timestamp = null, string battery = "50", string rssi = "-70", string online = "true") =>
            $$"""{"device_id":{{device}},"timestamp":{{timestamp ?? $"\"{ts}\""}},"battery_level":{{battery}},"rssi":{{rssi}},"online":{{online}}}""";
        return new()
        {
            { """{"device_id":"dev-1"}""", 422, "timestamp", "value_error.missing" },
            { "", 422, "", "value_error.missing" },
            { Body(battery: "101"), 400, "battery_level", "value_error.number.not_le" },
            { Body(battery: "-5"), 400, "battery_level", "value_error.number.not_ge" },
            { Body(battery: "\"50\""), 400, "battery_level", "type_error.integer" },
            { Body(battery: "50.5"), 400, "battery_level", "type_error.integer" },
            { Body(rssi: "-500"), 400, "rssi", "value_error.number.not_ge" },
            { Body(rssi: "10"), 400, "rssi", "value_error.number.not_le" },
            { Body(online: "\"yes\""), 400, "online", "type_error.bool" },
            { Body(device: "\"\""), 400, "device_id", "value_error.any_str.min_length" },
            { Body(device: $"\"{new string('x', 256)}\""), 400, "device_id", "value_error.any_str.max_length" },
            { Body(device: "123"), 400, "device_id", "type_error.str" },
            { Body(timestamp: "\"2025-06-09T14:00:00\""), 400, "timestamp", "value_error.datetime.offset_missing" },
            { Body(timestamp: "\"yesterday\""), 400, "timestamp", "value_error.datetime" },
            { Body(timestamp: $"\"{future}\""), 400, "timestamp", "value_error.datetime.future" },
            { "{\"device_id\": \"dev-1\", ", 400, "", "value_error.jsondecode" },
            { "[]", 400, "", "type_error.dict" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_refused_in_the_specification_shape_and_nothing_is_stored(string body, int status, string field, string type)
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);

        var response = await PostRawAsync(client, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.StartsWith("https://", problem.GetProperty("type").GetString());
        var error = problem.GetProperty("detail").EnumerateArray().First(e => e.GetProperty("type").GetString() == type);
        var loc = error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal("body", loc[0]);
        if (field.Length > 0)
        {
            Assert.Equal(field, loc[1]);
        }
        Assert.False(string.IsNullOrEmpty(error.GetProperty("msg").GetString()));
        Assert.Equal(0, await HistoryRowsAsync(factory.DatabaseConnectionString, user));
        Assert.Equal(0, await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM ingestion.device_status_latest WHERE user_id = @user", ("user", user)));
    }

    [Fact]
    public async Task Every_field_error_is_reported_at_once_with_the_limit_in_ctx()
    {
        var client = ClientFor(factory, NewId("user"));

        var response = await PostRawAsync(client, """{"device_id":"d","timestamp":"2025-06-09T14:00:00Z","battery_level":150,"rssi":-200,"online":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await JsonAsync(response)).GetProperty("detail");
        Assert.Equal(3, detail.GetArrayLength());
        var battery = detail.EnumerateArray().Single(e => e.GetProperty("loc")[1].GetString() == "battery_level");
        Assert.Equal("ensure this value is less than or equal to 100", battery.GetProperty("msg").GetString());
        Assert.Equal(100, battery.GetProperty("ctx").GetProperty("limit_value").GetInt32());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem_details_and_nothing_is_stored()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var padding = new string(' ', 17 * 1024);
        var body = $$"""{"device_id":"dev-big","timestamp":"{{MinutesAgo(1):yyyy-MM-ddTHH:mm:ssZ}}","battery_level":5,"rssi":-5,"online":true{{padding}}}""";

        var response = await client.PostAsync("/status", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await JsonAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal(0, await HistoryRowsAsync(factory.DatabaseConnectionString, user));
    }
}
