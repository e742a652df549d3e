using System.Security.Claims;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Ingestion.Model;

/// <summary>Who is calling, as far as data isolation is concerned.</summary>
/// <param name="UserId">Whose rows the request reads and writes.</param>
/// <param name="DeviceScope">The one device an API key is limited to; null for a person or a user-wide key.</param>
/// <param name="ApiKeyId">The API key used, if any.</param>
public sealed record Caller(string UserId, string? DeviceScope, string? ApiKeyId)
{
    /// <summary>The owner of data written while authentication is switched off.</summary>
    public const string AnonymousUserId = "anonymous";

    /// <summary>The authenticated user, or <see cref="AnonymousUserId"/> (only reachable when authentication is off).</summary>
    public static Caller From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.FindFirstValue(VitaSenseClaims.Subject) is { Length: > 0 } userId
            ? new Caller(userId, principal.GetDeviceScope(), principal.FindFirstValue(VitaSenseClaims.ApiKeyId))
            : new Caller(AnonymousUserId, null, null);

    /// <summary>Whether this caller may read or write <paramref name="deviceId"/>.</summary>
    public bool MayAccess(string deviceId) => DeviceScope is null || string.Equals(DeviceScope, deviceId, StringComparison.Ordinal);
}
