using Npgsql;
using VitaSense.Tracking.Infrastructure.Records;
using VitaSense.Tracking.Model.Goals;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Infrastructure;

/// <summary>Goals in <c>tracking.goals</c>; every read and write is scoped to the owner.</summary>
public sealed class GoalStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "goal_id, user_id, goal_type, target_value, direction, target_date, frequency, description, category, is_active, created_at, updated_at";

    /// <summary>Stores a new goal.</summary>
    public async Task CreateAsync(Goal goal, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO tracking.goals ({Columns})
            VALUES (@id, @user, @type, @target, @direction, @date, @frequency, @description, @category, @active, @created, @updated)
            """);
        Bind(command, goal);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Replaces a goal's fields; false when the user has no such goal.</summary>
    public async Task<bool> UpdateAsync(Goal goal, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE tracking.goals SET goal_type = @type, target_value = @target, direction = @direction, target_date = @date,
                frequency = @frequency, description = @description, category = @category, is_active = @active, updated_at = @updated
            WHERE goal_id = @id AND user_id = @user
            """);
        Bind(command, goal);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Deletes a goal (and its achievements); false when the user has no such goal.</summary>
    public async Task<bool> DeleteAsync(string userId, Guid goalId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM tracking.goals WHERE goal_id = @id AND user_id = @user");
        command.Parameters.AddWithValue("id", goalId);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The user's goal, or null.</summary>
    public async Task<Goal?> GetAsync(string userId, Guid goalId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM tracking.goals WHERE goal_id = @id AND user_id = @user");
        command.Parameters.AddWithValue("id", goalId);
        command.Parameters.AddWithValue("user", userId);
        var goals = await ReadAsync(command, cancellationToken);
        return goals.Count == 0 ? null : goals[0];
    }

    /// <summary>A page of the user's goals, newest first, of one activity state when <paramref name="isActive"/> is set.</summary>
    public async Task<RecordPage<Goal>> ListAsync(string userId, bool? isActive, int limit, int offset, CancellationToken cancellationToken)
    {
        const string Filter = "user_id = $1 AND ($2::boolean IS NULL OR is_active = $2)";
        var (goals, total) = await Db.PageAsync(dataSource,
            $"SELECT count(*) FROM tracking.goals WHERE {Filter}",
            $"SELECT {Columns} FROM tracking.goals WHERE {Filter} ORDER BY created_at DESC, goal_id DESC LIMIT $3 OFFSET $4",
            parameters =>
            {
                parameters.Add(new NpgsqlParameter { Value = userId });
                parameters.Add(Db.Value(isActive, NpgsqlTypes.NpgsqlDbType.Boolean));
            },
            limit, offset, Read, cancellationToken);
        return new RecordPage<Goal>(goals, total, limit, offset);
    }

    /// <summary>Active goals of every user whose target date is not before <paramref name="since"/>, after <paramref name="after"/> in id order (for the background evaluation, a page at a time).</summary>
    public async Task<IReadOnlyList<Goal>> ActiveAsync(DateOnly since, Guid after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM tracking.goals
            WHERE is_active AND target_date >= @since AND goal_id > @after ORDER BY goal_id LIMIT @limit
            """);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<Goal>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var goals = new List<Goal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            goals.Add(Read(reader));
        }
        return goals;
    }

    private static Goal Read(NpgsqlDataReader reader) => new()
    {
        GoalId = reader.GetGuid(0),
        UserId = reader.GetString(1),
        GoalType = reader.GetString(2),
        TargetValue = reader.GetDouble(3),
        Direction = reader.GetString(4),
        TargetDate = reader.GetFieldValue<DateOnly>(5),
        Frequency = reader.GetString(6),
        Description = reader.IsDBNull(7) ? null : reader.GetString(7),
        Category = reader.IsDBNull(8) ? null : reader.GetString(8),
        IsActive = reader.GetBoolean(9),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(11),
    };

    private static void Bind(NpgsqlCommand command, Goal goal)
    {
        command.Parameters.AddWithValue("id", goal.GoalId);
        command.Parameters.AddWithValue("user", goal.UserId);
        command.Parameters.AddWithValue("type", goal.GoalType);
        command.Parameters.AddWithValue("target", goal.TargetValue);
        command.Parameters.AddWithValue("direction", goal.Direction);
        command.Parameters.AddWithValue("date", goal.TargetDate);
        command.Parameters.AddWithValue("frequency", goal.Frequency);
        command.Parameters.AddWithValue("description", (object?)goal.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("category", (object?)goal.Category ?? DBNull.Value);
        command.Parameters.AddWithValue("active", goal.IsActive);
        command.Parameters.AddWithValue("created", goal.CreatedAt);
        command.Parameters.AddWithValue("updated", goal.UpdatedAt);
    }
}
