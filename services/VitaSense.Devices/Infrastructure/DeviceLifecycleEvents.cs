using Npgsql;
using NpgsqlTypes;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.Devices.Model;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// Writes <see cref="DeviceLifecycleChanged"/> events into <c>devices.outbox</c> inside the caller's transaction, so
/// an event exists exactly when its change was committed; the relay publishes it to <see cref="Topics.DeviceLifecycle"/>
/// keyed by device id (one device's events stay in order).
/// </summary>
public static class DeviceLifecycleEvents
{
    /// <summary>The CloudEvent <c>source</c> of this service.</summary>
    public const string Source = "/devices";

    /// <summary>A device was registered.</summary>
    public const string Registered = "registered";

    /// <summary>A device was updated.</summary>
    public const string Updated = "updated";

    /// <summary>A device was unregistered.</summary>
    public const string Unregistered = "unregistered";

    private static readonly string Insert = $"INSERT INTO {OutboxTable.QualifiedName(Extensions.Extensions.Schema)} (topic, key, payload) VALUES ($1, $2, $3)";

    /// <summary>The event of <paramref name="change"/> to <paramref name="device"/>.</summary>
    public static CloudEvent<DeviceLifecycleChanged> Create(string change, Device device, DateTimeOffset occurredAt) => new()
    {
        Id = Guid.CreateVersion7(occurredAt).ToString(),
        Type = EventTypes.DeviceLifecycleChanged,
        Source = Source,
        Subject = device.DeviceId.ToString(),
        Time = occurredAt,
        Data = new DeviceLifecycleChanged
        {
            Change = change,
            DeviceId = device.DeviceId.ToString(),
            UserId = device.UserId,
            DeviceType = device.DeviceType,
            OccurredAt = occurredAt,
        },
    };

    /// <summary>Adds the event to the outbox in <paramref name="transaction"/>.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string change, Device device, DateTimeOffset occurredAt,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Insert, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Topics.DeviceLifecycle });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = device.DeviceId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = CloudEventSerializer.Serialize(Create(change, device, occurredAt)), NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
