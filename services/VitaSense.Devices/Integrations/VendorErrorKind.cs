namespace VitaSense.Devices.Integrations;

/// <summary>Why a vendor call failed; decides whether a sync is retried.</summary>
public enum VendorErrorKind
{
    /// <summary>The tokens are refused even after a refresh: the user must connect again.</summary>
    Unauthorized,

    /// <summary>Rate limited for longer than a call may wait: retry later.</summary>
    RateLimited,

    /// <summary>5xx, a timeout or a network error after the call's retries: retry later.</summary>
    Unavailable,

    /// <summary>A 4xx other than 401/429: the request itself is refused.</summary>
    Refused,

    /// <summary>The answer is not in the vendor's documented format (malformed or partial).</summary>
    InvalidPayload,

    /// <summary>No credentials are stored for the device or the user's account at the vendor.</summary>
    NotConnected,
}
