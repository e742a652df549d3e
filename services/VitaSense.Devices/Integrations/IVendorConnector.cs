using System.Text.Json;

namespace VitaSense.Devices.Integrations;

/// <summary>
/// One vendor cloud: what it offers, how its OAuth endpoints behave, and how its documented payloads map to
/// VitaSense readings. Connectors are stateless; every call goes through a <see cref="VendorSession"/> that
/// adds the bearer token and handles refresh, rate limits and retries.
/// </summary>
public interface IVendorConnector
{
    /// <summary>The integration type in URLs and on devices' <c>vendor</c> (<c>fitbit</c>, <c>oura</c>...).</summary>
    string Type { get; }

    /// <summary>The name shown to people.</summary>
    string DisplayName { get; }

    /// <summary>The vendor's data types this connector fetches (<c>heart_rate</c>, <c>sleep</c>...).</summary>
    IReadOnlyList<string> DataTypes { get; }

    /// <summary>False for a push vendor (its data arrives through a webhook; a sync fetches nothing).</summary>
    bool Pulls { get; }

    /// <summary>How the token endpoint authenticates the client.</summary>
    TokenRequestStyle TokenStyle { get; }

    /// <summary>The vendor's rate-limit headers (remaining calls, seconds to reset), when it sends them.</summary>
    (string Remaining, string Reset)? RateLimitHeaders { get; }

    /// <summary>Adds vendor-specific fields to a token request (Withings wants <c>action=requesttoken</c>).</summary>
    void AddTokenParameters(IDictionary<string, string> form);

    /// <summary>The token object within the token endpoint's answer (Withings wraps it in <c>{status, body}</c>).</summary>
    JsonElement ReadTokenResponse(JsonElement root);

    /// <summary>Maps a JSON body to the HTTP status it stands for, for vendors that answer errors with 200 (Withings); null = as sent.</summary>
    int? BodyStatus(JsonElement root);

    /// <summary>The vendor's id of the user, when the token answer lacks it and push data is keyed by it.</summary>
    Task<string?> ResolveVendorUserIdAsync(VendorSession session, CancellationToken cancellationToken);

    /// <summary>Fetches the readings of <paramref name="request"/>'s data types since their cursors; throws <see cref="VendorException"/>.</summary>
    Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken);

    /// <summary>The user's devices at the vendor.</summary>
    Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken);
}
