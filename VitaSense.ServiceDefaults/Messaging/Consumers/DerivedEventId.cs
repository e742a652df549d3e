using System.Security.Cryptography;
using System.Text;

namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>
/// Ids of events derived from other events: a name-based UUID (RFC 9562 version 5) of the parts, so processing the
/// same source event again yields the same id and downstream consumers dedupe the redelivery by id.
/// </summary>
public static class DerivedEventId
{
    // A fixed namespace UUID for VitaSense derived events; changing it would change every derived id.
    private static readonly Guid Namespace = new("5b1d3c2e-8f0a-4f7e-9a51-6c2d7e4b9f10");

    /// <summary>The id for <paramref name="parts"/> (for example source, source event id, anomaly type).</summary>
    public static string Create(params ReadOnlySpan<string> parts)
    {
        var name = Encoding.UTF8.GetBytes(string.Join('\n', parts.ToArray()));
        var buffer = new byte[16 + name.Length];
        Namespace.TryWriteBytes(buffer, bigEndian: true, out _);
        name.CopyTo(buffer, 16);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(buffer, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
