using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Model.HealthExport;
using VitaSense.Ingestion.Model.Observations;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests.Observations;

/// <summary>
/// The bulk writer against a real PostgreSQL, on the paths a whole sync rarely takes: part of a batch already stored,
/// stored readings much denser than the batch, a workout whose key is stored under another start, and the parts of
/// new and of stored workouts. Whatever the path, exactly the new rows are stored, counted and published.
/// </summary>
public sealed class ObservationWriterTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    private static readonly DateTimeOffset Start = new(2025, 5, 1, 8, 0, 0, TimeSpan.FromHours(-7));

    [Fact]
    public async Task A_batch_overlapping_what_is_stored_adds_and_publishes_only_the_new_rows()
    {
        var user = NewUser();
        using var consumer = ConsumerAtEnd(factory.Infrastructure.KafkaBootstrapServers);
        await WriteAsync(HeartRates(user, minutes: [0, 1, 2, 3, 4]));

        var accepted = await WriteAsync(HeartRates(user, minutes: [3, 4, 5, 6, 7]));

        Assert.Equal(3, accepted);
        Assert.Equal(8, await RowsAsync("heart_rate_observations", user));
        // Re-published duplicates would make more than eight points, in the events up to the eighth.
        var published = new List<double>();
        while (published.Count < 8)
        {
            var cloudEvent = await NextEventAsync(consumer, $"{user}:Apple Watch");
            published.AddRange(cloudEvent.GetProperty("data").GetProperty("observations").EnumerateArray()
                .Select(o => (o.GetProperty("timestamp").GetDateTimeOffset() - Start).TotalMinutes));
        }
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 7], published);
    }

    [Fact]
    public async Task A_sparse_batch_over_dense_stored_readings_is_merged_and_adds_only_its_new_row()
    {
        var user = NewUser();
        await WriteAsync(HeartRates(user, minutes: [.. Enumerable.Range(0, 200)]));

        // Two rows spanning 200 stored minutes: fetching the stored keys would cost more than merging the two.
        var accepted = await WriteAsync(HeartRates(user, minutes: [0, 199.5]));

        Assert.Equal(1, accepted);
        Assert.Equal(201, await RowsAsync("heart_rate_observations", user));
    }

    [Fact]
    public async Task A_workout_stored_under_another_start_is_a_duplicate_and_only_new_parts_of_it_are_added()
    {
        var user = NewUser();
        var stream = Stream(user, "workouts", "count");
        await WriteAsync(Workout(stream, "run-1", Start, routePoints: 3));
        Assert.Equal(3, await RowsAsync("workout_route", user));

        // The same workout id with a later start and a longer route: the key decides, and the route gains two points.
        var accepted = await WriteAsync(Workout(Stream(user, "workouts", "count"), "run-1", Start.AddMinutes(30), routePoints: 5));

        Assert.Equal(0, accepted);
        Assert.Equal(1, await RowsAsync("workouts", user));
        Assert.Equal(5, await RowsAsync("workout_route", user));
    }

    [Fact]
    public async Task The_parts_of_a_new_workout_are_stored_with_it()
    {
        var user = NewUser();

        var accepted = await WriteAsync(Workout(Stream(user, "workouts", "count"), "ride-1", Start, routePoints: 4));

        Assert.Equal(1, accepted);
        Assert.Equal(4, await RowsAsync("workout_route", user));
        Assert.Equal(2, await RowsAsync("workout_heart_rate", user));
    }

    private async Task<int> WriteAsync(ObservationBatch batch)
    {
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        var streams = factory.Services.GetRequiredService<StreamRegistry>();
        await using var writer = await ObservationWriter.OpenAsync(dataSource, streams, ingestionId: 0, CancellationToken.None);
        return (await writer.WriteAsync(batch, CancellationToken.None)).Values.Sum();
    }

    private static string NewUser() => $"writer-{Guid.NewGuid():N}";

    private static StreamRef Stream(string user, string metric, string unit) =>
        new(user, metric, "Apple Watch", null, ObservationOrigins.HealthExport, unit);

    private static ObservationBatch HeartRates(string user, double[] minutes)
    {
        var stream = Stream(user, "heart_rate", "count/min");
        var batch = new ObservationBatch();
        batch.HeartRates.AddRange(minutes.Select(m => new HeartRateRow(stream, Start.AddMinutes(m), 60, 70, 80, null, null)));
        return batch;
    }

    private static ObservationBatch Workout(StreamRef stream, string id, DateTimeOffset start, int routePoints)
    {
        var workout = new WorkoutItem { Index = 0, Id = id, Name = "Outdoor Run", Start = start, End = start.AddMinutes(40) };
        var batch = new ObservationBatch();
        batch.Workouts.Add(new WorkoutRow(stream, id, workout, "{}", null));
        batch.WorkoutHeartRates.Add(new WorkoutHeartRateRow(stream, id, start.AddMinutes(1), 120, 130, 140));
        batch.WorkoutHeartRates.Add(new WorkoutHeartRateRow(stream, id, start.AddMinutes(2), 125, 135, 145));
        for (var seq = 0; seq < routePoints; seq++)
        {
            batch.WorkoutRoutes.Add(new WorkoutRouteRow(stream, id, seq, new RoutePoint(47.6 + seq / 1000.0, -122.3, 10, start.AddSeconds(seq), 3)));
        }
        return batch;
    }

    private Task<long> RowsAsync(string table, string user) => CountAsync(factory.DatabaseConnectionString,
        $"SELECT count(*) FROM ingestion.{table} JOIN ingestion.streams USING (stream_id) WHERE user_id = @user", ("user", user));

    private static async Task<JsonElement> NextEventAsync(IConsumer<string, byte[]> consumer, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500))?.Message is { } message && message.Key == key)
            {
                return JsonDocument.Parse(message.Value).RootElement.Clone();
            }
        }
        throw new TimeoutException($"No event for {key} within 30 s.");
    }
}
