namespace VitaSense.Devices.Integrations;

/// <summary>A vendor call failed. The message names the vendor and never contains a token.</summary>
public sealed class VendorException(string vendor, VendorErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null)
    : Exception(message)
{
    /// <summary>The vendor.</summary>
    public string Vendor { get; } = vendor;

    /// <summary>What went wrong.</summary>
    public VendorErrorKind Kind { get; } = kind;

    /// <summary>The vendor's HTTP status (or its in-body status), when it answered.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>How long the vendor asked to wait, when it did.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Whether trying again later may succeed.</summary>
    public bool Retryable => Kind is VendorErrorKind.RateLimited or VendorErrorKind.Unavailable;

    /// <summary>A malformed or partial vendor answer; <paramref name="path"/> says where.</summary>
    public static VendorException Payload(string vendor, string path, string problem) =>
        new(vendor, VendorErrorKind.InvalidPayload, $"{vendor} answered a payload not in its documented format: {path}: {problem}");
}
