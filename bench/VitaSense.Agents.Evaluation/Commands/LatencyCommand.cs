using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.Hosting;
using VitaSense.Hosting.Testing;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.Agents.Evaluation.Commands;

/// <summary>
/// Raw event in to processed event out: starts the real agents service (with its PostgreSQL, Redis and Kafka) from the
/// AppHost's app model, publishes <see cref="ObservationsIngested"/> events to <c>device-data-raw</c> at a fixed rate
/// and times each one until its <see cref="ObservationsProcessed"/> (matched by <c>source_event_id</c>) arrives on
/// <c>device-data-processed</c>. Before the clock starts, one event per stream goes through and back (the service's
/// consumer group join, its first database reads per stream and JIT are start-up costs, not per-event latency); then
/// the first seconds are a warm-up and are not counted either.
/// </summary>
public static class LatencyCommand
{
    private const string Resource = "agents";
    private const double TargetP95Milliseconds = 100;
    private const int Streams = 50;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PrimeTimeout = TimeSpan.FromSeconds(60);

    public static int Run(int pointsPerSecond, int pointsPerEvent, int seconds, int warmupSeconds) =>
        RunAsync(pointsPerSecond, pointsPerEvent, seconds, warmupSeconds).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int pointsPerSecond, int pointsPerEvent, int seconds, int warmupSeconds)
    {
        var eventsPerSecond = Math.Max(1, pointsPerSecond / pointsPerEvent);
        Console.WriteLine($"starting the agents service with its dependencies...");
        using var start = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(start.Token);
        builder.KeepOnly(Resource, "vitasense", "cache", "messaging");
        await using var app = await builder.BuildAsync(start.Token);
        await app.StartAsync(start.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(Resource, start.Token);
        var bootstrap = await app.GetConnectionStringAsync("messaging", start.Token)
            ?? throw new InvalidOperationException("The messaging resource has no connection string.");

        KafkaNativeLibrary.EnsureLoaded();
        var published = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var primed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        using var stopConsuming = new CancellationTokenSource();
        var consuming = Task.Factory.StartNew(() => Consume(bootstrap, published, primed, latencies, stopConsuming.Token), TaskCreationOptions.LongRunning);

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 0 }).Build();
        var run = $"{Guid.NewGuid():N}"[..8];
        var origin = DateTimeOffset.UtcNow.AddHours(-1);
        var failed = 0;

        // One event per stream, just before the run's readings, through and back before the clock starts.
        var priming = Stopwatch.StartNew();
        for (var stream = 0; stream < Streams; stream++)
        {
            var prime = Event(run, -1 - stream, stream, origin.AddSeconds(-pointsPerEvent), pointsPerEvent);
            primed[prime.Id] = Stopwatch.GetTimestamp();
            Publish(producer, prime, () => Interlocked.Increment(ref failed));
        }
        producer.Flush(TimeSpan.FromSeconds(10));
        while (!primed.IsEmpty && priming.Elapsed < PrimeTimeout)
        {
            await Task.Delay(50);
        }
        if (!primed.IsEmpty)
        {
            Console.Error.WriteLine($"{primed.Count} of {Streams} priming events were not processed within {PrimeTimeout.TotalSeconds:0} s");
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"primed {Streams} streams in {priming.Elapsed.TotalMilliseconds:0} ms"));

        var clock = Stopwatch.StartNew();
        var total = (seconds + warmupSeconds) * eventsPerSecond;
        var firstMeasured = warmupSeconds * eventsPerSecond;
        Console.WriteLine($"publishing {eventsPerSecond} events/s of {pointsPerEvent} points ({eventsPerSecond * pointsPerEvent} points/s) for {warmupSeconds} s warm-up + {seconds} s...");
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / eventsPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var stream = i % Streams;
            var round = i / Streams;
            var cloudEvent = Event(run, i, stream, origin.AddSeconds((double)round * pointsPerEvent), pointsPerEvent);
            if (i >= firstMeasured)
            {
                published[cloudEvent.Id] = Stopwatch.GetTimestamp();
            }
            Publish(producer, cloudEvent, () => Interlocked.Increment(ref failed));
        }
        var publishSeconds = clock.Elapsed.TotalSeconds;
        producer.Flush(TimeSpan.FromSeconds(10));

        var drainUntil = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
        while (!published.IsEmpty && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(100);
        }
        await stopConsuming.CancelAsync();
        await consuming;

        var measured = total - firstMeasured;
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"published {total} events in {publishSeconds:0.0} s ({total * pointsPerEvent / publishSeconds:0} points/s), {failed} failed; measured {measured}, processed {sorted.Length}, missing {published.Count}"));
        if (sorted.Length == 0)
        {
            Console.Error.WriteLine("no processed event arrived");
            return 1;
        }
        var p95 = Percentile(sorted, 0.95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency ms: p50 {Percentile(sorted, 0.50):0.0}  p95 {p95:0.0}  p99 {Percentile(sorted, 0.99):0.0}  max {sorted[^1]:0.0}  (target p95 < {TargetP95Milliseconds:0}: {(p95 < TargetP95Milliseconds ? "met" : "NOT met")})"));
        return p95 < TargetP95Milliseconds && published.IsEmpty ? 0 : 1;
    }

    private static void Publish(IProducer<string, byte[]> producer, CloudEvent<ObservationsIngested> cloudEvent, Action failed) =>
        producer.Produce(Topics.DeviceDataRaw, new Message<string, byte[]>
        {
            Key = $"{cloudEvent.Data.UserId}:{cloudEvent.Data.Source}",
            Value = CloudEventSerializer.Serialize(cloudEvent),
            Headers = CloudEventSerializer.KafkaHeaders(),
        }, report =>
        {
            if (report.Error.IsError)
            {
                failed();
            }
        });

    private static CloudEvent<ObservationsIngested> Event(string run, int number, int stream, DateTimeOffset from, int points)
    {
        var observations = new ObservationPoint[points];
        for (var p = 0; p < points; p++)
        {
            // A resting heart rate with a slow swing: clean readings, so every check runs on every point.
            var second = (from - DateTimeOffset.UnixEpoch).TotalSeconds + p;
            observations[p] = new ObservationPoint { Timestamp = from.AddSeconds(p), Value = Math.Round(68 + 4 * Math.Sin(second / 300), 1) };
        }
        return new CloudEvent<ObservationsIngested>
        {
            Id = $"latency-{run}-{number}",
            Type = EventTypes.ObservationsIngested,
            Source = "/latency-bench",
            Subject = $"band-{stream}",
            Time = observations[^1].Timestamp,
            Data = new ObservationsIngested
            {
                UserId = $"latency-{run}-{stream}",
                Metric = "heart_rate",
                Source = $"band-{stream}",
                Unit = "count/min",
                Origin = "device_upload",
                IngestionId = number,
                Observations = observations,
            },
        };
    }

    private static void Consume(string bootstrap, ConcurrentDictionary<string, long> published, ConcurrentDictionary<string, long> primed,
        ConcurrentBag<double> latencies, CancellationToken stop)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"latency-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            // The default (500 ms) would be timed as the agents' latency whenever the broker waits out a fetch.
            FetchWaitMaxMs = 5,
        }).Build();
        // Assigned at the end without joining a group: a group join alone can take seconds.
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            var partitions = admin.GetMetadata(Topics.DeviceDataProcessed, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p =>
            {
                var partition = new TopicPartition(Topics.DeviceDataProcessed, p.PartitionId);
                return new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High);
            }));
        }
        while (!stop.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message?.Value is not { } value)
            {
                continue;
            }
            var arrived = Stopwatch.GetTimestamp();
            var processed = CloudEventSerializer.Deserialize<ObservationsProcessed>(value);
            if (processed.Data.SourceEventId is not { } id)
            {
                continue;
            }
            if (published.TryRemove(id, out var sentAt))
            {
                latencies.Add(Stopwatch.GetElapsedTime(sentAt, arrived).TotalMilliseconds);
            }
            else
            {
                primed.TryRemove(id, out _);
            }
        }
        consumer.Close();
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
