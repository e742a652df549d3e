using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.Ingestion.Services.Devices;
using static VitaSense.Ingestion.Tests.DeviceData.DeviceLifecycle;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests.DeviceData;

/// <summary>
/// <c>/api/v1/devices/{device_id}/data</c> against real PostgreSQL and Kafka: devices become the caller's through
/// lifecycle events published to Kafka, uploads land in the observation store converted to canonical units, and
/// a device that is not the caller's is a 404 everywhere.
/// </summary>
public sealed class DeviceDataApiTests(DeviceDataFactory factory) : IClassFixture<DeviceDataFactory>
{
    private string Database => factory.DatabaseConnectionString;

    [Fact]
    public async Task Uploaded_readings_are_stored_in_the_canonical_unit_and_read_back_newest_first_in_their_own_offset()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        var older = MinutesAgo(30);
        var newer = MinutesAgo(20);

        var response = await client.PostAsync(DataPath(device), Raw($$"""
            {
              "data_type": "weight",
              "timestamp": "{{Local(newer)}}",
              "values": [
                {"timestamp": "{{Local(older)}}", "value": 176.4, "unit": "lb", "quality": "good"},
                {"timestamp": "{{Local(newer)}}", "value": 180, "unit": "lb", "quality": "fair"}
              ],
              "metadata": {"source": "device", "accuracy": 0.95, "battery_level": 85}
            }
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(device, result.GetProperty("device_id").GetString());
        Assert.Equal("weight_body_mass", result.GetProperty("data_type").GetString());
        Assert.Equal("kg", result.GetProperty("unit").GetString());
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(0, result.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, result.GetProperty("rejected").GetInt32());
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        var ingestionId = result.GetProperty("ingestion_id").GetInt64();

        var page = await JsonAsync(await client.GetAsync(DataPath(device)));
        Assert.Equal(device, page.GetProperty("device_id").GetString());
        Assert.Equal(2, page.GetProperty("count").GetInt32());
        var data = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([newer, older], data.Select(d => d.GetProperty("timestamp").GetDateTimeOffset()));
        Assert.All(data, d => Assert.Equal(TimeSpan.FromHours(2), d.GetProperty("timestamp").GetDateTimeOffset().Offset));
        Assert.All(data, d => Assert.Equal("weight_body_mass", d.GetProperty("data_type").GetString()));
        Assert.All(data, d => Assert.Equal("kg", d.GetProperty("unit").GetString()));
        Assert.Equal(180 * 0.45359237, data[0].GetProperty("value").GetDouble(), 6);
        Assert.Equal(176.4 * 0.45359237, data[1].GetProperty("value").GetDouble(), 6);
        Assert.Equal(["fair", "good"], data.Select(d => d.GetProperty("quality").GetString()));

        Assert.Equal(2, await CountAsync(Database, """
            SELECT count(*) FROM ingestion.quantity_observations o JOIN ingestion.streams s USING (stream_id)
            WHERE s.user_id = @user AND s.device_id = @device AND s.source = @device AND s.origin = 'device_upload'
              AND o.original_unit = 'lb' AND o.utc_offset = 120 AND o.context::jsonb ->> 'battery_level' = '85' AND o.ingestion_id = @ingestion
            """, ("user", user), ("device", device), ("ingestion", ingestionId)));
        Assert.Equal(1, await CountAsync(Database, """
            SELECT count(*) FROM ingestion.raw_ingestions r
            WHERE ingestion_id = @ingestion AND user_id = @user AND kind = 'device_data' AND device_id = @device AND status = 'completed'
              AND (summary ->> 'accepted')::int = 2
              AND EXISTS (SELECT 1 FROM ingestion.raw_ingestion_chunks c WHERE c.ingestion_id = r.ingestion_id)
            """, ("ingestion", ingestionId), ("user", user), ("device", device)));
    }

    [Fact]
    public async Task Heart_rate_and_blood_pressure_keep_their_structure_and_latest_answers_the_newest_reading_of_each_type()
    {
        var (_, client, device) = await OwnedDeviceAsync();
        var times = Enumerable.Range(0, 4).Select(i => MinutesAgo(40 - i * 10)).ToArray();
        var heartRate = await client.PostAsync(DataPath(device), Json(new
        {
            data_type = "heart_rate",
            values = times.Select((t, i) => new { timestamp = Local(t), value = 70 + i, unit = "bpm", quality = "good" }),
        }));
        Assert.Equal(HttpStatusCode.OK, heartRate.StatusCode);
        var pressure = await client.PostAsync(DataPath(device), Raw($$"""
            {"data_type": "blood_pressure", "values": [
              {"timestamp": "{{Local(times[0])}}", "value": {"systolic": 120, "diastolic": 80}, "unit": "mmHg"},
              {"timestamp": "{{Local(times[1])}}", "systolic": 16, "diastolic": 10.5, "unit": "kPa"}
            ]}
            """));
        Assert.Equal(HttpStatusCode.OK, pressure.StatusCode);
        Assert.Equal(2, (await JsonAsync(pressure)).GetProperty("accepted").GetInt32());

        var latest = (await JsonAsync(await client.GetAsync($"{DataPath(device)}/latest"))).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["blood_pressure", "heart_rate"], latest.Select(d => d.GetProperty("data_type").GetString()));
        Assert.Equal(times[1], latest[0].GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(16 * 7.500615758, latest[0].GetProperty("values").GetProperty("systolic").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, latest[0].GetProperty("value").ValueKind);
        Assert.Equal(times[3], latest[1].GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(73, latest[1].GetProperty("value").GetDouble());
        Assert.Equal("count/min", latest[1].GetProperty("unit").GetString());

        var onlyHeartRate = await JsonAsync(await client.GetAsync($"{DataPath(device)}/latest?data_type=HeartRate"));
        Assert.Equal("heart_rate", Assert.Single(onlyHeartRate.GetProperty("data").EnumerateArray()).GetProperty("data_type").GetString());

        var window = await JsonAsync(await client.GetAsync(
            $"{DataPath(device)}?data_type=heart_rate&start_time={Uri.EscapeDataString(Local(times[1]))}&end_time={times[2]:yyyy-MM-ddTHH:mm:ssZ}"));
        Assert.Equal([times[2], times[1]], window.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("timestamp").GetDateTimeOffset()));

        var limited = await JsonAsync(await client.GetAsync($"{DataPath(device)}?limit=3"));
        Assert.Equal(3, limited.GetProperty("count").GetInt32());
        var newest = limited.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([times[3], times[2], times[1]], newest.Select(d => d.GetProperty("timestamp").GetDateTimeOffset()));
        // times[1] has a heart rate and a blood pressure: ties go to the older stream, heart rate's.
        Assert.Equal("heart_rate", newest[2].GetProperty("data_type").GetString());
    }

    [Fact]
    public async Task Sending_the_same_readings_again_reports_duplicates_and_adds_nothing()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        // Taken once: MinutesAgo has whole seconds, and the two requests may fall in different seconds.
        var times = Enumerable.Range(1, 6).Select(i => Local(MinutesAgo(60 - i))).ToList();
        var body = Json(new
        {
            data_type = "step_count",
            values = times.Take(5).Select((time, i) => new { timestamp = time, value = (i + 1) * 100 }),
        });
        var first = await JsonAsync(await client.PostAsync(DataPath(device), body));
        Assert.Equal(5, first.GetProperty("accepted").GetInt32());

        var again = await client.PostAsync(DataPath(device), Json(new
        {
            data_type = "StepCount",
            values = times.Select((time, i) => new { timestamp = time, value = (i + 1) * 100 }),
        }));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var result = await JsonAsync(again);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(5, result.GetProperty("duplicates").GetInt32());
        Assert.Equal(6, await ReadingsAsync(user, device));
    }

    [Fact]
    public async Task Readings_are_checked_one_by_one_207_lists_the_rejected_and_422_stores_nothing()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        var good = MinutesAgo(15);
        var response = await client.PostAsync(DataPath(device), Raw($$"""
            {"data_type": "heart_rate", "values": [
              {"timestamp": "{{Local(good)}}", "value": 64},
              {"timestamp": "{{Local(DateTimeOffset.UtcNow.AddDays(2))}}", "value": 64},
              {"timestamp": "2024-01-01T10:00:00", "value": 64},
              {"timestamp": "{{Local(MinutesAgo(14))}}", "value": "fast"},
              {"timestamp": "{{Local(MinutesAgo(13))}}", "value": 64, "unit": "furlongs"},
              {"timestamp": "{{Local(MinutesAgo(12))}}", "value": 5000},
              {"timestamp": "{{Local(MinutesAgo(11))}}"},
              42
            ]}
            """));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(7, result.GetProperty("rejected").GetInt32());
        Assert.Equal("partial", result.GetProperty("status").GetString());
        var errors = result.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal(new (int, string?)[] { (1, "timestamp"), (2, "timestamp"), (3, "value"), (4, "unit"), (5, "value"), (6, "value"), (7, null) }, errors);
        Assert.Contains("offset", result.GetProperty("errors")[1].GetProperty("reason").GetString());
        Assert.Equal(1, await ReadingsAsync(user, device));

        var allBad = await client.PostAsync(DataPath(device), Raw($$$"""
            {"data_type": "blood_pressure", "values": [
              {"timestamp": "{{{Local(good)}}}", "value": {"systolic": 80, "diastolic": 120}},
              {"timestamp": "{{{Local(good)}}}", "value": 120}
            ]}
            """));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, allBad.StatusCode);
        var rejected = await JsonAsync(allBad);
        Assert.Equal(2, rejected.GetProperty("rejected").GetInt32());
        Assert.Equal(["value.diastolic", "systolic"], rejected.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Equal(1, await ReadingsAsync(user, device));
        Assert.Equal(1, await CountAsync(Database, "SELECT count(*) FROM ingestion.raw_ingestions WHERE ingestion_id = @id AND status = 'rejected'",
            ("id", rejected.GetProperty("ingestion_id").GetInt64())));
    }

    [Fact]
    public async Task A_metric_VitaSense_does_not_know_is_stored_as_sent()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        var response = await client.PostAsync(DataPath(device), Raw($$"""
            {"data_type": "Skin Conductance", "values": [
              {"timestamp": "{{Local(MinutesAgo(9))}}", "value": 2.5, "unit": "uS"},
              {"timestamp": "{{Local(MinutesAgo(8))}}", "value": 3.5, "unit": "mS"}
            ]}
            """));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal("skin_conductance", result.GetProperty("data_type").GetString());
        Assert.Equal("uS", result.GetProperty("unit").GetString());
        Assert.Equal("unit", result.GetProperty("errors")[0].GetProperty("field").GetString());
        var reading = Assert.Single((await JsonAsync(await client.GetAsync(DataPath(device)))).GetProperty("data").EnumerateArray());
        Assert.Equal(2.5, reading.GetProperty("value").GetDouble());
        Assert.Equal("uS", reading.GetProperty("unit").GetString());
        Assert.Equal(1, await ReadingsAsync(user, device));
    }

    [Theory]
    [InlineData("""{"data_type": "heart_rate", "values": [""", "body")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData("""{"values": [{"timestamp": "2024-01-01T10:00:00Z", "value": 60}]}""", "data_type")]
    [InlineData("""{"data_type": 7, "values": [{"timestamp": "2024-01-01T10:00:00Z", "value": 60}]}""", "data_type")]
    [InlineData("""{"data_type": "heart_rate"}""", "values")]
    [InlineData("""{"data_type": "heart_rate", "values": []}""", "values")]
    [InlineData("""{"data_type": "heart_rate", "values": {"value": 60}}""", "values")]
    [InlineData("""{"data_type": "heart_rate", "timestamp": "2024-01-01T10:00:00", "values": [{"value": 60}]}""", "timestamp")]
    [InlineData("""{"data_type": "heart_rate", "values": [{"timestamp": "2024-01-01T10:00:00Z", "value": 60}], "metadata": [1]}""", "metadata")]
    public async Task A_malformed_upload_is_a_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var (user, client, device) = await OwnedDeviceAsync();

        var response = await client.PostAsync(DataPath(device), Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(problem.GetProperty("detail").EnumerateArray(), e => e.GetProperty("loc").EnumerateArray().Last().GetString() == field);
        Assert.Equal(0, await ReadingsAsync(user, device));
        Assert.Equal(1, await CountAsync(Database,
            "SELECT count(*) FROM ingestion.raw_ingestions WHERE user_id = @user AND device_id = @device AND status = 'rejected' AND error IS NOT NULL",
            ("user", user), ("device", device)));
    }

    [Fact]
    public async Task Too_many_values_is_a_400_and_a_body_over_the_limit_is_a_413()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        var at = Local(MinutesAgo(5));

        var reading = $$"""{"timestamp": "{{at}}", "value": 1}""";
        var values = string.Join(",", Enumerable.Repeat(reading, 10_001));
        var tooMany = await client.PostAsync(DataPath(device), Raw($$"""{"data_type": "step_count", "values": [{{values}}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("values", (await JsonAsync(tooMany)).GetProperty("detail")[0].GetProperty("loc")[1].GetString());

        var huge = await client.PostAsync(DataPath(device), Raw($$"""{"data_type": "step_count", "metadata": {"pad": "{{new string('x', 1_100_000)}}"}, "values": []}"""));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(0, await ReadingsAsync(user, device));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("start_time=2024-01-01T00:00:00", "start_time")]
    [InlineData("end_time=yesterday", "end_time")]
    [InlineData("start_time=2024-02-01T00:00:00Z&end_time=2024-01-01T00:00:00Z", "end_time")]
    [InlineData("data_type=%20", "data_type")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var (_, client, device) = await OwnedDeviceAsync();

        var response = await client.GetAsync($"{DataPath(device)}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal(["query", parameter], problem.GetProperty("detail")[0].GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
        if (!query.StartsWith("limit", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync($"{DataPath(device)}?{query}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_device_that_is_unknown_another_users_or_unregistered_is_a_404_on_every_endpoint()
    {
        var (alice, aliceClient, aliceDevice) = await OwnedDeviceAsync();
        var (_, bobClient, bobDevice) = await OwnedDeviceAsync();
        Assert.Equal(HttpStatusCode.OK, (await bobClient.PostAsync(DataPath(bobDevice), HeartRate(MinutesAgo(3)))).StatusCode);

        await AssertNotFoundEverywhereAsync(aliceClient, NewId("unknown"));
        await AssertNotFoundEverywhereAsync(aliceClient, bobDevice);
        Assert.Equal(1, (await JsonAsync(await bobClient.GetAsync(DataPath(bobDevice)))).GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await aliceClient.PostAsync(DataPath(aliceDevice), HeartRate(MinutesAgo(3)))).StatusCode);
        await PublishAsync(factory, "unregistered", aliceDevice, alice, DateTimeOffset.UtcNow);
        await WaitForAsync(aliceClient, aliceDevice, HttpStatusCode.NotFound);
        await AssertNotFoundEverywhereAsync(aliceClient, aliceDevice, deleteAllowed: true);
        Assert.Equal(1, await CountAsync(Database, "SELECT count(*) FROM ingestion.device_owners WHERE device_id = @device AND user_id = @user AND NOT registered",
            ("device", aliceDevice), ("user", alice)));
        Assert.Equal(1, await ReadingsAsync(alice, aliceDevice));

        // Unregistered, the device's data is still its last owner's to purge, and only theirs.
        Assert.Equal(HttpStatusCode.NotFound, (await bobClient.DeleteAsync(DataPath(aliceDevice))).StatusCode);
        var purged = await aliceClient.DeleteAsync(DataPath(aliceDevice));
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await JsonAsync(purged)).GetProperty("deleted").GetInt64());
        Assert.Equal(0, await ReadingsAsync(alice, aliceDevice));
    }

    [Fact]
    public async Task A_device_moved_to_another_owner_is_theirs_and_no_longer_the_previous_owners()
    {
        var (_, aliceClient, device) = await OwnedDeviceAsync();
        var bob = NewId("user");
        var bobClient = ClientFor(factory, bob);

        await PublishAsync(factory, "updated", device, bob, DateTimeOffset.UtcNow);
        await WaitForAsync(bobClient, device, HttpStatusCode.OK);

        await AssertNotFoundEverywhereAsync(aliceClient, device);
    }

    [Fact]
    public async Task An_older_lifecycle_event_delivered_late_does_not_undo_a_newer_one()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        var consumer = factory.Services.GetRequiredService<DeviceOwnerConsumer>();
        var ignoredBefore = consumer.Statistics.Snapshot().Duplicates;

        await PublishAsync(factory, "unregistered", device, user, DateTimeOffset.UtcNow.AddHours(-1));
        var deadline = DateTime.UtcNow + DeviceLifecycle.Timeout;
        while (consumer.Statistics.Snapshot().Duplicates == ignoredBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "The stale event was not consumed.");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(DataPath(device))).StatusCode);
        Assert.Equal(1, await CountAsync(Database, "SELECT count(*) FROM ingestion.device_owners WHERE device_id = @device AND registered",
            ("device", device)));
    }

    [Fact]
    public async Task An_api_key_limited_to_another_device_gets_404_and_one_limited_to_this_device_may_upload()
    {
        var (user, person, device) = await OwnedDeviceAsync();
        var otherDevice = NewId("dev");
        await RegisterAsync(factory, person, user, otherDevice);
        var otherKey = ClientWithKey(factory, await CreateKeyAsync(person, otherDevice));
        var ownKey = ClientWithKey(factory, await CreateKeyAsync(person, device));
        var userKey = ClientWithKey(factory, await CreateKeyAsync(person, null));

        await AssertNotFoundEverywhereAsync(otherKey, device);

        Assert.Equal(HttpStatusCode.OK, (await ownKey.PostAsync(DataPath(device), HeartRate(MinutesAgo(2)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await userKey.PostAsync(DataPath(device), HeartRate(MinutesAgo(1)))).StatusCode);
        Assert.Equal(2, (await JsonAsync(await ownKey.GetAsync(DataPath(device)))).GetProperty("count").GetInt32());
        Assert.Equal(2, await CountAsync(Database,
            "SELECT count(*) FROM ingestion.raw_ingestions WHERE user_id = @user AND device_id = @device AND api_key_id IS NOT NULL",
            ("user", user), ("device", device)));
    }

    [Fact]
    public async Task Delete_removes_the_selected_readings_in_one_go_and_is_audited()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        var times = Enumerable.Range(0, 3).Select(i => MinutesAgo(50 - i * 10)).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(DataPath(device), Json(new
        {
            data_type = "heart_rate",
            values = times.Select(t => new { timestamp = Local(t), value = 60 }),
        }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(DataPath(device), Json(new
        {
            data_type = "step_count",
            values = times.Take(2).Select(t => new { timestamp = Local(t), value = 10 }),
        }))).StatusCode);

        var steps = await client.DeleteAsync($"{DataPath(device)}?data_type=step_count");
        Assert.Equal(HttpStatusCode.OK, steps.StatusCode);
        Assert.Equal(2, (await JsonAsync(steps)).GetProperty("deleted").GetInt64());
        Assert.Equal(3, await ReadingsAsync(user, device));

        var range = await client.DeleteAsync($"{DataPath(device)}?start_time={times[1]:yyyy-MM-ddTHH:mm:ssZ}&end_time={times[1]:yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(1, (await JsonAsync(range)).GetProperty("deleted").GetInt64());
        Assert.Equal([times[2], times[0]], (await JsonAsync(await client.GetAsync(DataPath(device)))).GetProperty("data").EnumerateArray()
            .Select(d => d.GetProperty("timestamp").GetDateTimeOffset()));

        var rest = await client.DeleteAsync(DataPath(device));
        Assert.Equal(2, (await JsonAsync(rest)).GetProperty("deleted").GetInt64());
        Assert.Equal(0, (await JsonAsync(await client.GetAsync(DataPath(device)))).GetProperty("count").GetInt32());
        Assert.Equal(0, await ReadingsAsync(user, device));

        Assert.Equal(3, await CountAsync(Database, """
            SELECT count(*) FROM ingestion.audit_log
            WHERE user_id = @user AND action = 'delete' AND resource = 'device_data' AND details ->> 'device_id' = @device
            """, ("user", user), ("device", device)));
        Assert.Equal(1, await CountAsync(Database, """
            SELECT count(*) FROM ingestion.audit_log
            WHERE user_id = @user AND action = 'delete' AND details ->> 'data_type' = 'step_count' AND (details ->> 'deleted')::int = 2
            """, ("user", user)));
    }

    [Fact]
    public async Task An_upload_is_published_on_device_data_raw_once_with_its_device()
    {
        var (user, client, device) = await OwnedDeviceAsync();
        using var consumer = ConsumerAtEnd(factory.Infrastructure.KafkaBootstrapServers);
        var times = new[] { MinutesAgo(8), MinutesAgo(7) };
        var body = new
        {
            data_type = "blood_glucose",
            values = times.Select(t => new { timestamp = Local(t), value = 5.5, unit = "mmol/L", quality = "good" }),
        };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(DataPath(device), Json(body))).StatusCode);
        // Re-sent, then followed by a new reading of the same device (same key, same partition): once that one is
        // seen, an event for the duplicates would have been seen before it.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(DataPath(device), Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(DataPath(device), HeartRate(MinutesAgo(6)))).StatusCode);

        var events = new List<CloudEvent<ObservationsIngested>>();
        var deadline = DateTime.UtcNow + DeviceLifecycle.Timeout;
        while (!events.Any(e => e.Data.Metric == "heart_rate"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No events for {device} within {DeviceLifecycle.Timeout}; saw {events.Count}.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(500))?.Message is { } message && message.Key == device)
            {
                events.Add(CloudEventSerializer.Deserialize<ObservationsIngested>(message.Value));
            }
        }

        var glucose = Assert.Single(events, e => e.Data.Metric == "blood_glucose");
        Assert.Equal(2, events.Count);
        Assert.Equal(EventTypes.ObservationsIngested, glucose.Type);
        Assert.Equal(device, glucose.Subject);
        Assert.Equal(user, glucose.Data.UserId);
        Assert.Equal(device, glucose.Data.DeviceId);
        Assert.Equal(device, glucose.Data.Source);
        Assert.Equal("device_upload", glucose.Data.Origin);
        Assert.Equal("mg/dL", glucose.Data.Unit);
        Assert.Equal(times, glucose.Data.Observations.Select(o => o.Timestamp));
        Assert.All(glucose.Data.Observations, o =>
        {
            Assert.Equal(120, o.UtcOffset);
            Assert.Equal(5.5 * 18.0156, o.Value!.Value, 6);
            Assert.Equal("good", o.Quality);
        });
    }

    [Fact]
    public async Task The_openapi_document_describes_the_device_data_endpoints()
    {
        var paths = (await JsonAsync(await factory.CreateClient().GetAsync("/openapi/v1.json"))).GetProperty("paths");

        var data = paths.GetProperty("/api/v1/devices/{device_id}/data");
        Assert.Equal("Upload device data", data.GetProperty("post").GetProperty("summary").GetString());
        Assert.Equal("Device data", data.GetProperty("post").GetProperty("tags")[0].GetString());
        Assert.True(data.GetProperty("post").GetProperty("responses").TryGetProperty("207", out _));
        Assert.Equal("Get device data", data.GetProperty("get").GetProperty("summary").GetString());
        Assert.Equal("Delete device data", data.GetProperty("delete").GetProperty("summary").GetString());
        Assert.Equal("Get latest data from device", paths.GetProperty("/api/v1/devices/{device_id}/data/latest").GetProperty("get").GetProperty("summary").GetString());
    }

    private async Task<(string User, HttpClient Client, string Device)> OwnedDeviceAsync()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var device = NewId("dev");
        await RegisterAsync(factory, client, user, device);
        return (user, client, device);
    }

    private static StringContent HeartRate(DateTimeOffset at) =>
        Json(new { data_type = "heart_rate", values = new[] { new { timestamp = Local(at), value = 61, unit = "bpm" } } });

    private static async Task AssertNotFoundEverywhereAsync(HttpClient client, string device, bool deleteAllowed = false)
    {
        var responses = new List<HttpResponseMessage>
        {
            await client.PostAsync(DataPath(device), HeartRate(MinutesAgo(1))),
            await client.GetAsync(DataPath(device)),
            await client.GetAsync($"{DataPath(device)}/latest"),
        };
        if (!deleteAllowed)
        {
            responses.Add(await client.DeleteAsync(DataPath(device)));
        }
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal($"Device {device} not found", (await JsonAsync(response)).GetProperty("detail").GetString());
        }
    }

    private static async Task<string> CreateKeyAsync(HttpClient person, string? deviceId)
    {
        var response = await person.PostAsJsonAsync("/api/v1/api-keys", new Dictionary<string, string?> { ["name"] = "device data", ["device_id"] = deviceId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("key").GetString()!;
    }

    private Task<long> ReadingsAsync(string user, string device) => CountAsync(Database,
        "SELECT count(*) FROM ingestion.observations WHERE user_id = @user AND device_id = @device", ("user", user), ("device", device));
}
