using Npgsql;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.ServiceDefaults.Outbox;
using VitaSense.Tracking.Model.Goals;

namespace VitaSense.Tracking.Infrastructure;

/// <summary>
/// Records reached periods in <c>tracking.goal_achievements</c> and, in the same transaction, the
/// <see cref="GoalAchieved"/> event of each newly recorded one in the outbox: the unique (goal, period) key makes the
/// event fire once per period however often, and by whom, progress is computed.
/// </summary>
public sealed class GoalAchievementStore(NpgsqlDataSource dataSource, OutboxSignal signal, TimeProvider timeProvider)
{
    /// <summary>The CloudEvent <c>source</c> of the tracking service.</summary>
    public const string Source = "/tracking";

    private static readonly string Outbox = OutboxTable.QualifiedName(Extensions.Extensions.Schema);

    /// <summary>Records <paramref name="periods"/> of <paramref name="goal"/>; returns how many were new (and published).</summary>
    public async Task<int> RecordAsync(Goal goal, IReadOnlyList<PeriodProgress> periods, CancellationToken cancellationToken)
    {
        if (periods.Count == 0)
        {
            return 0;
        }
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = 0;
        foreach (var period in periods)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO tracking.goal_achievements (goal_id, period_start, value, achieved_at)
                VALUES (@goal, @start, @value, @at) ON CONFLICT (goal_id, period_start) DO NOTHING
                """, connection, transaction);
            insert.Parameters.AddWithValue("goal", goal.GoalId);
            insert.Parameters.AddWithValue("start", period.PeriodStart);
            insert.Parameters.AddWithValue("value", period.Value ?? 0);
            insert.Parameters.AddWithValue("at", now);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                continue;
            }

            await using var outbox = new NpgsqlCommand($"INSERT INTO {Outbox} (topic, key, payload) VALUES (@topic, @key, @payload)", connection, transaction);
            outbox.Parameters.AddWithValue("topic", Topics.TrackingEvents);
            outbox.Parameters.AddWithValue("key", goal.UserId);
            outbox.Parameters.AddWithValue("payload", CloudEventSerializer.Serialize(Event(goal, period, now)));
            await outbox.ExecuteNonQueryAsync(cancellationToken);
            recorded++;
        }
        await transaction.CommitAsync(cancellationToken);
        if (recorded > 0)
        {
            signal.Notify();
        }
        return recorded;
    }

    // The id derives from (goal, period), so even a re-published event is recognisably the same one.
    private static CloudEvent<GoalAchieved> Event(Goal goal, PeriodProgress period, DateTimeOffset now) => new()
    {
        Id = DerivedEventId.Create("goal-achieved", goal.GoalId.ToString(), period.PeriodStart.ToString("yyyy-MM-dd")),
        Type = EventTypes.GoalAchieved,
        Source = Source,
        Subject = goal.UserId,
        Time = now,
        Data = new GoalAchieved
        {
            UserId = goal.UserId,
            GoalId = goal.GoalId,
            GoalType = goal.GoalType,
            Frequency = goal.Frequency,
            Direction = goal.Direction,
            TargetValue = goal.TargetValue,
            Value = period.Value ?? 0,
            PeriodStart = period.PeriodStart,
            PeriodEnd = period.PeriodEnd,
            AchievedAt = now,
        },
    };
}
