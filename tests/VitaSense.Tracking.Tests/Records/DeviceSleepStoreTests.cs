using Microsoft.Extensions.DependencyInjection;
using VitaSense.ServiceDefaults.Data;
using VitaSense.Tracking.Infrastructure.Records;
using VitaSense.Tracking.Model.Sleep;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

/// <summary>
/// Plays two replicas of the stream consumer that each got one half of a night at the same moment: the store's
/// per-(user, source) lock makes the second see the first's segments, so the night is still one session.
/// </summary>
public sealed class DeviceSleepStoreTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    private static readonly DateTimeOffset Night = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-3).AddHours(23);

    [Fact]
    public async Task Halves_of_a_night_stored_at_once_make_one_session()
    {
        await factory.Services.GetRequiredService<SchemaReadiness>().WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var store = factory.Services.GetRequiredService<DeviceSleepStore>();
        SleepStageSegment[] firstHalf = [Stage(0, 2, "core"), Stage(2, 3, "deep"), Stage(3, 4, "rem")];
        SleepStageSegment[] secondHalf = [Stage(4, 4.25, "awake"), Stage(4.25, 7.25, "core")];
        // Several rounds, so that the two transactions surely overlap in some of them.
        var users = Enumerable.Range(0, 8).Select(_ => NewUser(factory)).ToList();
        foreach (var (_, userId) in users)
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<int> StoreAsync(SleepStageSegment[] half)
            {
                await go.Task;
                return await store.StoreAsync(userId, "ring", [], half, DateTimeOffset.UtcNow, CancellationToken.None);
            }
            var stored = Task.WhenAll(StoreAsync(firstHalf), StoreAsync(secondHalf));
            go.SetResult();
            Assert.Equal(new[] { 3, 2 }, await stored);
        }

        foreach (var (client, _) in users)
        {
            var night = Assert.Single((await GetAsync(client, "/api/v1/sleep")).GetProperty("items").EnumerateArray());
            Assert.Equal(Night, night.GetProperty("start_time").GetDateTimeOffset());
            Assert.Equal(Night.AddHours(7.25), night.GetProperty("end_time").GetDateTimeOffset());
            Assert.Equal(7, night.GetProperty("duration_hours").GetDouble());
        }
        // Stored again (a redelivery), nothing is new.
        Assert.Equal(0, await store.StoreAsync(users[0].UserId, "ring", [], [.. firstHalf, .. secondHalf], DateTimeOffset.UtcNow, CancellationToken.None));
    }

    private static SleepStageSegment Stage(double fromHours, double toHours, string stage) =>
        new(Night.AddHours(fromHours), Night.AddHours(toHours), stage, 0, "ring-1");
}
