using Confluent.Kafka;

namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>Where a message handed to a handler came from.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset.</param>
/// <param name="Key">The message key (usually a device id).</param>
/// <param name="Headers">The message headers.</param>
public sealed record MessageContext(string Topic, int Partition, long Offset, string? Key, Headers? Headers);
