using System.Security.Claims;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>Claim names the platform relies on, and how to read them.</summary>
public static class VitaSenseClaims
{
    /// <summary>The user id (JWT <c>sub</c>).</summary>
    public const string Subject = "sub";

    /// <summary>The API key's id, when authenticated by key.</summary>
    public const string ApiKeyId = "api_key_id";

    /// <summary>The device an API key is limited to.</summary>
    public const string DeviceId = "device_id";

    /// <summary>The calling user's id; throws when the principal has none (an endpoint that allows anonymous must not call this).</summary>
    public static string GetUserId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(Subject) ?? throw new InvalidOperationException("The request is not authenticated as a user.");

    /// <summary>The device an API key is limited to, or null for a user-wide key or a person's token.</summary>
    public static string? GetDeviceScope(this ClaimsPrincipal principal) => principal.FindFirstValue(DeviceId);
}
