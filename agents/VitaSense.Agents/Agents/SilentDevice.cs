namespace VitaSense.Agents.Agents;

/// <summary>A device that has not been heard from for longer than expected.</summary>
/// <param name="UserId">Its owner.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="LastSeenAt">When the agent last received a status report or readings from it (the agent's clock).</param>
/// <param name="LastEventAt">The time of that last event (the device's clock); identifies the silence.</param>
/// <param name="SilentFor">How long it has been silent.</param>
/// <param name="Expected">The silence that was tolerated.</param>
public sealed record SilentDevice(string UserId, string DeviceId, DateTimeOffset LastSeenAt, DateTimeOffset LastEventAt, TimeSpan SilentFor, TimeSpan Expected);
