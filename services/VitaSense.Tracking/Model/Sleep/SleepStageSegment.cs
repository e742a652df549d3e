namespace VitaSense.Tracking.Model.Sleep;

/// <summary>
/// One stage of a night as a device reports it (<c>tracking.sleep_stage_segments</c>): from <see cref="Start"/> to
/// <see cref="End"/> the sleeper was in <see cref="Stage"/> (lower case, spaces as underscores: core, deep, rem, awake,
/// asleep, in_bed...).
/// </summary>
/// <param name="Start">When the stage began.</param>
/// <param name="End">When it ended.</param>
/// <param name="Stage">The stage's name.</param>
/// <param name="UtcOffset">The sleeper's offset from UTC in minutes.</param>
/// <param name="DeviceId">The device that recorded it, when known.</param>
public sealed record SleepStageSegment(DateTimeOffset Start, DateTimeOffset End, string Stage, int UtcOffset, string? DeviceId);
