using System.Text;
using VitaSense.Ingestion.Model;

namespace VitaSense.Ingestion.Tests;

/// <summary>Every field rule of POST /status, without a server.</summary>
public sealed class DeviceStatusParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 9, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private static DeviceStatusParseResult Parse(string json) => DeviceStatusParser.Parse(Encoding.UTF8.GetBytes(json), Now, Skew);

    private static string Body(string deviceId = "\"sensor-abc-123\"", string timestamp = "\"2025-06-09T14:00:00Z\"",
        string battery = "76", string rssi = "-60", string online = "true") =>
        $$"""{"device_id":{{deviceId}},"timestamp":{{timestamp}},"battery_level":{{battery}},"rssi":{{rssi}},"online":{{online}}}""";

    [Fact]
    public void A_valid_body_parses_to_a_trimmed_utc_report()
    {
        var result = Parse(Body(deviceId: "\"  sensor-abc-123 \"", timestamp: "\"2025-06-09T16:00:00.1234567+02:00\""));

        Assert.Empty(result.Errors);
        Assert.Equal(new DeviceStatusReport("sensor-abc-123", new DateTimeOffset(2025, 6, 9, 14, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), 76, -60, true), result.Report);
    }

    [Fact]
    public void Missing_fields_are_all_reported_as_value_error_missing()
    {
        var result = Parse("""{"device_id":"a"}""");

        Assert.Null(result.Report);
        Assert.Equal(["timestamp", "battery_level", "rssi", "online"], result.Errors.Select(e => e.Loc[1]));
        Assert.All(result.Errors, e => Assert.Equal(FieldError.MissingType, e.Type));
        Assert.All(result.Errors, e => Assert.Equal("field required", e.Msg));
        Assert.Equal(422, FieldValidationProblem.For(result.Errors).Status);
    }

    [Theory]
    [InlineData("101", "value_error.number.not_le", 100)]
    [InlineData("-1", "value_error.number.not_ge", 0)]
    [InlineData("1e20", "value_error.number.not_le", 100)]
    public void Battery_level_out_of_range_names_the_limit(string value, string type, int limit)
    {
        var error = Assert.Single(Parse(Body(battery: value)).Errors);

        Assert.Equal(["body", "battery_level"], error.Loc);
        Assert.Equal(type, error.Type);
        Assert.Equal(limit, error.Ctx!["limit_value"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("76.0")]
    public void Battery_level_accepts_the_bounds_and_integral_numbers(string value) =>
        Assert.Empty(Parse(Body(battery: value)).Errors);

    [Theory]
    [InlineData("-121", "value_error.number.not_ge")]
    [InlineData("1", "value_error.number.not_le")]
    [InlineData("-60.5", "type_error.integer")]
    [InlineData("\"-60\"", "type_error.integer")]
    public void Rssi_must_be_an_integer_between_minus_120_and_0(string value, string type)
    {
        var error = Assert.Single(Parse(Body(rssi: value)).Errors);

        Assert.Equal(["body", "rssi"], error.Loc);
        Assert.Equal(type, error.Type);
    }

    [Theory]
    [InlineData("\"\"", "value_error.any_str.min_length")]
    [InlineData("\"   \"", "value_error.any_str.min_length")]
    [InlineData("42", "type_error.str")]
    [InlineData("\"a\\u0000b\"", "value_error.str.printable")]
    [InlineData("\"line\\nbreak\"", "value_error.str.printable")]
    [InlineData("null", "type_error.none.not_allowed")]
    public void Device_id_must_be_a_non_empty_printable_string(string value, string type)
    {
        var error = Assert.Single(Parse(Body(deviceId: value)).Errors);

        Assert.Equal(["body", "device_id"], error.Loc);
        Assert.Equal(type, error.Type);
    }

    [Fact]
    public void Device_id_longer_than_255_characters_is_refused()
    {
        Assert.Empty(Parse(Body(deviceId: $"\"{new string('d', 255)}\"")).Errors);
        var error = Assert.Single(Parse(Body(deviceId: $"\"{new string('d', 256)}\"")).Errors);
        Assert.Equal("value_error.any_str.max_length", error.Type);
        Assert.Equal(255, error.Ctx!["limit_value"]);
    }

    [Theory]
    [InlineData("\"2025-06-09T14:00:00\"", "value_error.datetime.offset_missing")]
    [InlineData("\"2025-06-09 14:00:00Z\"", "value_error.datetime")]
    [InlineData("\"09/06/2025\"", "value_error.datetime")]
    [InlineData("\"2025-13-09T14:00:00Z\"", "value_error.datetime")]
    [InlineData("1749477600", "value_error.datetime")]
    [InlineData("\"2026-06-09T14:05:01Z\"", "value_error.datetime.future")]
    public void Timestamp_must_be_iso_8601_with_an_offset_and_not_in_the_future(string value, string type)
    {
        var error = Assert.Single(Parse(Body(timestamp: value)).Errors);

        Assert.Equal(["body", "timestamp"], error.Loc);
        Assert.Equal(type, error.Type);
    }

    [Fact]
    public void Timestamp_up_to_the_allowed_skew_ahead_is_accepted() =>
        Assert.Empty(Parse(Body(timestamp: "\"2026-06-09T16:05:00+02:00\"")).Errors);

    [Theory]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("null")]
    public void Online_must_be_a_json_boolean(string value)
    {
        var error = Assert.Single(Parse(Body(online: value)).Errors);

        Assert.Equal(["body", "online"], error.Loc);
    }

    [Theory]
    [InlineData("{\"device_id\": ", "value_error.jsondecode")]
    [InlineData("not json", "value_error.jsondecode")]
    [InlineData("[1,2]", "type_error.dict")]
    [InlineData("\"text\"", "type_error.dict")]
    public void A_body_that_is_not_a_json_object_is_one_400_error(string json, string type)
    {
        var result = Parse(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(["body"], error.Loc);
        Assert.Equal(type, error.Type);
        Assert.Equal(400, FieldValidationProblem.For(result.Errors).Status);
    }

    [Fact]
    public void Invalid_and_missing_fields_are_reported_together_as_400()
    {
        var result = Parse("""{"battery_level": 500, "rssi": "strong"}""");

        Assert.Equal(5, result.Errors.Count);
        Assert.Equal(400, FieldValidationProblem.For(result.Errors).Status);
    }

    [Fact]
    public void A_field_given_twice_is_an_error()
    {
        var result = Parse("""{"device_id":"a","device_id":"b","timestamp":"2025-06-09T14:00:00Z","battery_level":1,"rssi":-1,"online":true}""");

        Assert.Equal("value_error.duplicate", Assert.Single(result.Errors).Type);
    }
}
