using System.Security.Cryptography;
using System.Text;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.Ingestion.Model;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>The CloudEvent published for each stored update.</summary>
public static class DeviceStatusEvents
{
    /// <summary>The CloudEvent <c>source</c> of this service.</summary>
    public const string Source = "/ingestion";

    /// <summary>
    /// The event id: derived from (user, device, timestamp), the update's identity, so the same update always
    /// gets the same id and a consumer seeing it twice knows it is a redelivery.
    /// </summary>
    public static string EventId(string userId, string deviceId, DateTimeOffset timestamp)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{deviceId}\n{timestamp.UtcTicks}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>The event for <paramref name="update"/>.</summary>
    public static CloudEvent<DeviceStatusReported> Create(DeviceStatusUpdate update)
    {
        var report = update.Report;
        return new CloudEvent<DeviceStatusReported>
        {
            Id = EventId(update.UserId, report.DeviceId, report.Timestamp),
            Type = EventTypes.DeviceStatusReported,
            Source = Source,
            Subject = report.DeviceId,
            Time = report.Timestamp,
            Data = new DeviceStatusReported
            {
                UserId = update.UserId,
                DeviceId = report.DeviceId,
                Timestamp = report.Timestamp,
                BatteryLevel = report.BatteryLevel,
                Rssi = report.Rssi,
                Online = report.Online,
            },
        };
    }

    /// <summary>The serialized event, ready for the outbox.</summary>
    public static byte[] Serialize(DeviceStatusUpdate update) => CloudEventSerializer.Serialize(Create(update));
}
