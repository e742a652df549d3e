using System.Net;
using System.Text.Json;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Model.HealthExport;
using static VitaSense.Ingestion.Tests.Sync.SyncPayloads;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests.Sync;

/// <summary><c>POST /api/v1/sync</c> against real PostgreSQL: every shape stored, re-sends are duplicates, bad entries rejected one by one.</summary>
public sealed class SyncApiTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task Every_shape_is_stored_in_its_table_and_a_resend_is_all_duplicates()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var body = EveryShape();

        var first = await client.PostAsync("/api/v1/sync", Json(body));
        var summary = await JsonAsync(first);
        Assert.True(first.StatusCode == HttpStatusCode.OK, summary.ToString());
        Assert.Equal("accepted", summary.GetProperty("status").GetString());
        var types = summary.GetProperty("types");
        Assert.Equal(2, Accepted(types, "step_count"));
        Assert.Equal(2, Accepted(types, "heart_rate"));
        Assert.Equal(1, Accepted(types, "blood_pressure"));
        Assert.Equal(2, Accepted(types, "sleep_analysis"));
        Assert.Equal(1, Accepted(types, "blood_glucose"));
        Assert.Equal(1, Accepted(types, "insulin_delivery"));
        Assert.Equal(1, Accepted(types, "vo2_max"));
        Assert.Equal(1, Accepted(types, "made_up_metric"));
        Assert.Equal(2, Accepted(types, "workouts"));
        Assert.Equal(1, Accepted(types, "ecg"));
        Assert.Equal(1, Accepted(types, "symptoms"));
        Assert.Equal(1, Accepted(types, "state_of_mind"));
        Assert.Contains("made_up_metric", summary.GetProperty("unknown_metrics").EnumerateArray().Select(e => e.GetString()));

        var db = factory.DatabaseConnectionString;
        Assert.Equal(74.979, await ScalarAsync<double>(db, """
            SELECT round(o.value::numeric, 3)::float8 FROM ingestion.quantity_observations o JOIN ingestion.streams s USING (stream_id)
            WHERE s.user_id = @user AND s.metric = 'weight_body_mass'
            """, user), 3);
        Assert.Equal("lb", await ScalarAsync<string>(db, """
            SELECT o.original_unit FROM ingestion.quantity_observations o JOIN ingestion.streams s USING (stream_id)
            WHERE s.user_id = @user AND s.metric = 'weight_body_mass'
            """, user));
        Assert.Equal(99.1, await ScalarAsync<double>(db, """
            SELECT round(o.value::numeric, 1)::float8 FROM ingestion.blood_glucose_observations o JOIN ingestion.streams s USING (stream_id) WHERE s.user_id = @user
            """, user), 1);
        Assert.Equal("Bolus", await ScalarAsync<string>(db, """
            SELECT o.context FROM ingestion.quantity_observations o JOIN ingestion.streams s USING (stream_id)
            WHERE s.user_id = @user AND s.metric = 'insulin_delivery'
            """, user));
        Assert.Equal(3L, await ScalarAsync<long>(db, """
            SELECT count(*) FROM ingestion.workout_route r JOIN ingestion.streams s USING (stream_id) WHERE s.user_id = @user
            """, user));
        Assert.Equal(3, await ScalarAsync<int>(db, """
            SELECT cardinality(voltages) FROM ingestion.ecg_recordings e JOIN ingestion.streams s USING (stream_id) WHERE s.user_id = @user
            """, user));
        Assert.Equal(-480, await ScalarAsync<short>(db, """
            SELECT DISTINCT o.utc_offset FROM ingestion.heart_rate_observations o JOIN ingestion.streams s USING (stream_id) WHERE s.user_id = @user
            """, user));
        var observations = await ScalarAsync<long>(db, "SELECT count(*) FROM ingestion.observations WHERE user_id = @user", user);

        var again = await client.PostAsync("/api/v1/sync", Json(body));
        var resent = await JsonAsync(again);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, resent.GetProperty("totals").GetProperty("accepted").GetInt64());
        Assert.Equal(summary.GetProperty("totals").GetProperty("accepted").GetInt64(), resent.GetProperty("totals").GetProperty("duplicates").GetInt64());
        Assert.Equal(observations, await ScalarAsync<long>(db, "SELECT count(*) FROM ingestion.observations WHERE user_id = @user", user));

        // Both payloads are in the raw backup, readable back to the exact bytes.
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM ingestion.raw_ingestions WHERE user_id = @user AND status = 'completed'", user));
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM ingestion.audit_log WHERE user_id = @user AND action = 'ingest'", user));
    }

    [Fact]
    public async Task One_bad_entry_is_rejected_with_its_reason_and_the_rest_is_stored_207()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var body = Metric("heart_rate", "count/min",
            $$"""{"Avg": 70, "date": "{{At(5)}}", "source": "W"}""",
            $$"""{"Avg": 900, "date": "{{At(4)}}", "source": "W"}""",
            $$"""{"Avg": 71, "date": "{{At(-48)}}", "source": "W"}""",
            $$"""{"Avg": 72, "date": "2024-02-06 14:30:00", "source": "W"}""",
            $$"""{"Avg": "fast", "date": "{{At(3)}}", "source": "W"}""");

        var response = await client.PostAsync("/api/v1/sync", Json(body));
        var summary = await JsonAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.MultiStatus, summary.ToString());
        var heartRate = summary.GetProperty("types").GetProperty("heart_rate");
        Assert.Equal(1, heartRate.GetProperty("accepted").GetInt64());
        Assert.Equal(4, heartRate.GetProperty("rejected").GetInt64());
        var errors = heartRate.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32(), e => e.GetProperty("reason").GetString()!);
        Assert.Contains("outside the possible range", errors[1]);
        Assert.Contains("future", errors[2]);
        Assert.Equal([1, 2, 3, 4], errors.Keys.Order());
        Assert.Equal("partial", summary.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_payload_whose_every_entry_is_rejected_is_422_and_stores_nothing()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var response = await client.PostAsync("/api/v1/sync", Json(Metric("weight_body_mass", "stone", $$"""{"qty": 11, "date": "{{At(5)}}"}""")));
        var summary = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("unknown unit 'stone'", summary.GetProperty("types").GetProperty("weight_body_mass").GetProperty("errors")[0].GetProperty("reason").GetString());
        Assert.Equal(0L, await ScalarAsync<long>(factory.DatabaseConnectionString, "SELECT count(*) FROM ingestion.observations WHERE user_id = @user", user));
    }

    [Theory]
    [InlineData("""{"data": {}}""")]
    [InlineData("""{"data": {"metrics": [{"name": "step_count", "units": "count", "data": []}], "workouts": []}}""")]
    public async Task A_payload_without_any_entry_is_422_saying_so(string body)
    {
        var response = await ClientFor(factory, NewId("user")).PostAsync("/api/v1/sync", Json(body));
        var summary = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("no entries", summary.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Duplicates_within_one_payload_are_stored_once_and_reported()
    {
        var user = NewId("user");
        var point = $$"""{"qty": 42, "date": "{{At(3)}}", "source": "Phone"}""";
        var response = await ClientFor(factory, user).PostAsync("/api/v1/sync", Json(Metric("step_count", "count", point, point, point)));
        var steps = (await JsonAsync(response)).GetProperty("types").GetProperty("step_count");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, steps.GetProperty("accepted").GetInt64());
        Assert.Equal(2, steps.GetProperty("duplicates").GetInt64());
        Assert.Equal(1L, await ScalarAsync<long>(factory.DatabaseConnectionString, "SELECT count(*) FROM ingestion.observations WHERE user_id = @user", user));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("""{"data": {"metrics": [{"name": "step_count", "units": "count", "data": [{"qty": 1, "date": "2024-02-06 14:30:00 -0800"}""", "truncated")]
    [InlineData("""[1, 2, 3]""", "must be a JSON object")]
    [InlineData("""{"metrics": []}""", "no 'data' property")]
    [InlineData("", "empty")]
    public async Task A_body_that_is_not_the_envelope_is_400_naming_the_problem_and_stores_nothing_but_the_raw_backup(string body, string expected)
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);

        var response = await client.PostAsync("/api/v1/sync", Json(body));
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var db = factory.DatabaseConnectionString;
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM ingestion.observations WHERE user_id = @user", user));
        Assert.Equal("rejected", await ScalarAsync<string>(db, "SELECT status FROM ingestion.raw_ingestions WHERE user_id = @user", user));
        Assert.Equal((long)body.Length, await ScalarAsync<long>(db, """
            SELECT coalesce(sum(c.raw_length), 0)::bigint FROM ingestion.raw_ingestion_chunks c JOIN ingestion.raw_ingestions r USING (ingestion_id)
            WHERE r.user_id = @user
            """, user));
    }

    [Fact]
    public async Task Without_credentials_sync_is_401()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/sync", Json(EveryShape()));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_generated_export_round_trips_with_exact_counts_and_a_replay_adds_nothing()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        using var payload = new MemoryStream();
        var generated = await HealthExportPayloadGenerator.WriteAsync(payload, new HealthExportGeneratorOptions { Days = 3, HeartRatePointsPerDay = 96, RoutePointsPerWorkout = 10, StartDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)) });

        var response = await client.PostAsync("/api/v1/sync", Json(System.Text.Encoding.UTF8.GetString(payload.ToArray())));
        var summary = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, summary.ToString());
        foreach (var (metric, count) in generated.PointsByMetric)
        {
            var type = summary.GetProperty("types").GetProperty(MetricNames.Canonical(metric));
            Assert.True(count == type.GetProperty("accepted").GetInt64() + type.GetProperty("duplicates").GetInt64(), $"{metric}: {type}");
        }

        var id = summary.GetProperty("ingestion_id").GetInt64();
        var replay = await client.PostAsync($"/api/v1/ingestions/{id}/replay", null);
        var replayed = await JsonAsync(replay);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(0, replayed.GetProperty("totals").GetProperty("accepted").GetInt64());
        Assert.Equal(summary.GetProperty("totals").GetProperty("accepted").GetInt64(), replayed.GetProperty("totals").GetProperty("duplicates").GetInt64());

        // Another user cannot replay it.
        var other = await ClientFor(factory, NewId("user")).PostAsync($"/api/v1/ingestions/{id}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task When_the_raw_backup_cannot_be_written_no_reading_is_stored_and_the_answer_is_503()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var name = $"refuse_backup_{Guid.NewGuid():N}";
        // The backup is written on its own connection while the rows are copied: the rows must still not commit.
        await ExecuteAsync(factory.DatabaseConnectionString, $$"""
            CREATE FUNCTION ingestion.{{name}}() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF EXISTS (SELECT 1 FROM ingestion.raw_ingestions r WHERE r.ingestion_id = NEW.ingestion_id AND r.user_id = '{{user}}') THEN
                    RAISE EXCEPTION 'the test refuses this backup';
                END IF;
                RETURN NEW;
            END $fn$;
            CREATE TRIGGER {{name}} BEFORE INSERT ON ingestion.raw_ingestion_chunks FOR EACH ROW EXECUTE FUNCTION ingestion.{{name}}();
            """);
        try
        {
            var response = await client.PostAsync("/api/v1/sync", Json(EveryShape()));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var stored = ObservationTables.All.Select(t =>
                $"SELECT count(*) AS n FROM ingestion.{t.Table} JOIN ingestion.streams USING (stream_id) WHERE user_id = @user");
            Assert.Equal(0, await CountAsync(factory.DatabaseConnectionString, $"SELECT sum(n)::bigint FROM ({string.Join(" UNION ALL ", stored)}) c",
                ("user", user)));
        }
        finally
        {
            await ExecuteAsync(factory.DatabaseConnectionString, $"DROP TRIGGER {name} ON ingestion.raw_ingestion_chunks; DROP FUNCTION ingestion.{name}();");
        }
    }

    private static long Accepted(JsonElement types, string type) =>
        types.TryGetProperty(type, out var summary) ? summary.GetProperty("accepted").GetInt64() : -1;

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, string user)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("user", user);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
