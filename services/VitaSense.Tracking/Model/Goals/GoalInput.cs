using System.Text.Json;
using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Goals;

/// <summary>
/// Reads a goal body (POST: the seed's fields; PUT: any of them, the others kept) into a <see cref="Goal"/>, every bad
/// field named in <see cref="FieldErrors"/>.
/// </summary>
public static class GoalInput
{
    private const int MaxDescription = 2000;
    private const int MaxCategory = 50;
    private const double MaxTarget = 1e9;

    /// <summary>
    /// The goal <paramref name="body"/> describes: a new one of <paramref name="userId"/> when <paramref name="existing"/>
    /// is null, else <paramref name="existing"/> with the given fields replaced. <paramref name="today"/> is the user's
    /// local date: a target date given must not be before it. Null when <paramref name="errors"/> has any.
    /// </summary>
    public static Goal? Read(JsonElement body, Goal? existing, string userId, DateOnly today, DateTimeOffset now, FieldErrors errors)
    {
        var fields = new JsonFields(body, errors);

        var goalType = existing?.GoalType;
        if (fields.Text("goal_type", 64) is { } typeText)
        {
            goalType = SeriesCatalog.Resolve(typeText)?.Name;
            if (goalType is null)
            {
                errors.Add("goal_type", "Must be steps, distance, active_minutes, calories, sleep_hours, weight, resting_heart_rate, workouts or a metric type.");
            }
        }
        else if (goalType is null && !errors.Has("goal_type"))
        {
            errors.Add("goal_type", "Is required.");
        }

        var target = existing?.TargetValue;
        if (fields.Number("target_value") is { } value)
        {
            if (value <= 0 || value > MaxTarget)
            {
                errors.Add("target_value", $"Must be greater than 0 and at most {MaxTarget:0}.");
            }
            target = value;
        }
        else if (target is null && !errors.Has("target_value"))
        {
            errors.Add("target_value", "Is required.");
        }

        var targetDate = existing?.TargetDate;
        if (fields.Date("target_date") is { } date)
        {
            if (date < today)
            {
                errors.Add("target_date", $"Must not be in the past (today is {today:yyyy-MM-dd} in the user's time zone).");
            }
            targetDate = date;
        }
        else if (targetDate is null && !errors.Has("target_date"))
        {
            errors.Add("target_date", "Is required.");
        }

        var frequency = existing?.Frequency;
        if (fields.Text("frequency", 20) is { } frequencyText)
        {
            frequency = GoalFrequencies.All.Contains(frequencyText) ? frequencyText : null;
            if (frequency is null)
            {
                errors.Add("frequency", "Must be daily, weekly or monthly.");
            }
        }
        else if (frequency is null && !errors.Has("frequency"))
        {
            errors.Add("frequency", "Is required.");
        }

        var direction = fields.Text("direction", 20);
        if (direction is not (null or GoalDirections.AtLeast or GoalDirections.AtMost))
        {
            errors.Add("direction", "Must be at_least or at_most.");
        }
        // A new type without a stated direction takes that type's default rather than the old type's direction.
        direction ??= existing is not null && goalType == existing.GoalType ? existing.Direction : goalType is null ? null : GoalDirections.DefaultFor(goalType);

        var description = fields.Has("description") ? fields.Text("description", MaxDescription) : existing?.Description;
        var category = fields.Has("category") ? fields.Text("category", MaxCategory) : existing?.Category;

        var isActive = existing?.IsActive ?? true;
        if (fields.Get("is_active") is { } active)
        {
            if (active.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                isActive = active.GetBoolean();
            }
            else
            {
                errors.Add("is_active", "Must be true or false.");
            }
        }

        if (errors.Any)
        {
            return null;
        }
        return new Goal
        {
            GoalId = existing?.GoalId ?? Guid.CreateVersion7(),
            UserId = userId,
            GoalType = goalType!,
            TargetValue = target!.Value,
            Direction = direction!,
            TargetDate = targetDate!.Value,
            Frequency = frequency!,
            Description = description,
            Category = category,
            IsActive = isActive,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
    }
}
