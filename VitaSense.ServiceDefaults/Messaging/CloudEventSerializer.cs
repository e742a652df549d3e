using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using VitaSense.Contracts;

namespace VitaSense.ServiceDefaults.Messaging;

/// <summary>CloudEvents structured-mode JSON for Kafka message values.</summary>
public static class CloudEventSerializer
{
    /// <summary>The content type header value of a structured CloudEvent.</summary>
    public const string ContentType = "application/cloudevents+json";

    private static readonly byte[] ContentTypeBytes = Encoding.UTF8.GetBytes(ContentType);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Kafka headers of a structured CloudEvent message (a new collection; the header bytes are shared).</summary>
    public static Headers KafkaHeaders() => new() { { "content-type", ContentTypeBytes } };

    /// <summary>Serialises an event to UTF-8 JSON.</summary>
    public static byte[] Serialize<TData>(CloudEvent<TData> cloudEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(cloudEvent, Options);

    /// <summary>Reads an event; throws <see cref="JsonException"/> when the bytes are not a CloudEvent of this data type.</summary>
    public static CloudEvent<TData> Deserialize<TData>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<CloudEvent<TData>>(json, Options)
        ?? throw new JsonException("The message is empty, not a CloudEvent.");

    /// <summary>Reads just the envelope's <c>type</c> so a consumer can dispatch before deserialising the data.</summary>
    public static string? PeekType(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }
}
