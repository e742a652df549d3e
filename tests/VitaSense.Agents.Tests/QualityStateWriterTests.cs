extern alias agents;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Quality;
using VitaSense.ServiceDefaults.Data;
using VitaSense.TestSupport;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>The data quality agent's batched state saves against the service's real PostgreSQL.</summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class QualityStateWriterTests(ServiceFactory<AgentsProgram> factory)
{
    private static readonly DateTimeOffset T0 = new(2025, 9, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_flush_saves_only_the_newest_state_of_each_stream_in_one_go()
    {
        var store = factory.Services.GetRequiredService<QualityStateStore>();
        var writer = new QualityStateWriter(store, TimeSpan.FromHours(1), 100, NullLogger.Instance);
        var first = NewStream();
        var second = NewStream();

        writer.Enqueue(first, Entry(minutes: 1, offset: 10));
        writer.Enqueue(second, Entry(minutes: 1, offset: 11));
        writer.Enqueue(first, Entry(minutes: 2, offset: 12));

        // Not saved yet, but the newest state is what a stream evicted from memory resumes from.
        Assert.Equal(2, writer.Pending);
        Assert.True(writer.TryGetPending(first, out var pending));
        Assert.Equal(12, pending.Offset);
        Assert.Null(await Load(store, first));

        Assert.True(await writer.FlushAsync(CancellationToken.None));

        Assert.Equal(0, writer.Pending);
        Assert.False(writer.TryGetPending(first, out _));
        var saved = await Load(store, first);
        Assert.NotNull(saved);
        Assert.Equal((12L, T0.AddMinutes(2)), (saved.Offset, saved.State.LastTimestamp!.Value));
        Assert.Equal(11, (await Load(store, second))!.Offset);
    }

    [Fact]
    public async Task A_failed_flush_keeps_the_states_for_the_next_one_unless_a_newer_arrived()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
        var writer = new QualityStateWriter(new QualityStateStore(unreachable, factory.Services.GetRequiredService<SchemaReadiness>()),
            TimeSpan.FromHours(1), 100, NullLogger.Instance);
        var stream = NewStream();
        writer.Enqueue(stream, Entry(minutes: 1, offset: 20));

        Assert.False(await writer.FlushAsync(CancellationToken.None));

        Assert.Equal(1, writer.Failures);
        Assert.True(writer.TryGetPending(stream, out var kept));
        Assert.Equal(20, kept.Offset);
        writer.Enqueue(stream, Entry(minutes: 2, offset: 21));
        Assert.False(await writer.FlushAsync(CancellationToken.None));
        Assert.True(writer.TryGetPending(stream, out var newest));
        Assert.Equal(21, newest.Offset);
        Assert.Equal(1, writer.Pending);
    }

    [Fact]
    public async Task Stopping_the_writer_flushes_what_is_pending()
    {
        var store = factory.Services.GetRequiredService<QualityStateStore>();
        var writer = new QualityStateWriter(store, TimeSpan.FromHours(1), 100, NullLogger.Instance);
        var stream = NewStream();
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);
        writer.Enqueue(stream, Entry(minutes: 3, offset: 30));

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(30, (await Load(store, stream))!.Offset);
    }

    private static (string UserId, string Source, string Metric) NewStream() => ("user-" + Guid.NewGuid().ToString("N"), "watch", "heart_rate");

    private static StreamStateEntry Entry(int minutes, long offset)
    {
        var state = NewState();
        state.LastTimestamp = T0.AddMinutes(minutes);
        state.Values.Add(60 + minutes);
        return new StreamStateEntry(state, 0, offset);
    }

    private static StreamQualityState NewState() => new(200, 50, 256);

    private static Task<StreamStateEntry?> Load(QualityStateStore store, (string, string, string) stream) =>
        store.LoadAsync(stream, NewState(), CancellationToken.None);
}
