using Confluent.Kafka;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.Tracking.Tests.Analytics;
using static VitaSense.Tracking.Tests.Analytics.InsightsTestData;

namespace VitaSense.Tracking.Tests.Goals;

/// <summary>A reached goal is published as a GoalAchieved CloudEvent on tracking-events, once per goal and period.</summary>
public sealed class GoalAchievedEventTests(InsightsFactory factory) : IClassFixture<InsightsFactory>
{
    [Fact]
    public async Task A_goal_reached_by_data_alone_is_published_once_however_often_its_progress_is_computed()
    {
        var user = NewUser();
        var db = await factory.ReadyDatabaseAsync();
        var client = ClientFor(factory, user);
        using var consumer = ConsumerAtEnd(factory, Topics.TrackingEvents);
        var today = Today("UTC");

        var goal = await GoalsApiTests.CreateAsync(client, b => b["target_value"] = 5000);
        var goalId = goal.GetProperty("id").GetGuid();
        // Device data arriving later reaches the goal; nobody opens the progress endpoint: the background evaluation publishes.
        await MetricAsync(db, user, "step_count", DateTimeOffset.UtcNow.AddMinutes(-1), 5200, "device", "reading-1");

        var events = new List<CloudEvent<GoalAchieved>>();
        var deadline = DateTime.UtcNow + InsightsTestData.Timeout;
        while (events.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No GoalAchieved event arrived.");
            Collect(consumer, user, events);
        }

        // Recomputing (by hand and by the background evaluation) publishes nothing more; a second goal of the same user
        // (same key, same partition, published later) marks where a duplicate would have arrived.
        // Concurrent computations race for the same period: the achievement's key lets one of them record it.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync($"/api/v1/goals/{goalId}/progress")));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var sentinel = (await GoalsApiTests.CreateAsync(client, b => b["target_value"] = 100)).GetProperty("id").GetGuid();
        deadline = DateTime.UtcNow + InsightsTestData.Timeout;
        while (!events.Any(e => e.Data.GoalId == sentinel))
        {
            Assert.True(DateTime.UtcNow < deadline, "The second goal's event did not arrive.");
            Collect(consumer, user, events);
        }

        var achieved = Assert.Single(events, e => e.Data.GoalId == goalId);
        Assert.Equal(EventTypes.GoalAchieved, achieved.Type);
        Assert.Equal("/tracking", achieved.Source);
        Assert.Equal(user, achieved.Data.UserId);
        Assert.Equal("steps", achieved.Data.GoalType);
        Assert.Equal("daily", achieved.Data.Frequency);
        Assert.Equal(5200, achieved.Data.Value);
        Assert.Equal(5000, achieved.Data.TargetValue);
        Assert.Equal(today, achieved.Data.PeriodStart);
        Assert.Equal(today, achieved.Data.PeriodEnd);
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM tracking.goal_achievements WHERE goal_id = @id", ("id", goalId)));
    }

    private static void Collect(IConsumer<string, byte[]> consumer, string user, List<CloudEvent<GoalAchieved>> events)
    {
        var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
        if (result?.Message is { } message && message.Key == user)
        {
            events.Add(CloudEventSerializer.Deserialize<GoalAchieved>(message.Value));
        }
    }
}
