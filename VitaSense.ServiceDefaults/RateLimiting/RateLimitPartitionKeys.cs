using Microsoft.AspNetCore.Http;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.ServiceDefaults.RateLimiting;

/// <summary>Who a request is counted against.</summary>
public static class RateLimitPartitionKeys
{
    /// <summary>
    /// The API key when the request carries one (each device gets its own budget), else the user of a token,
    /// else the client address. Needs authentication to have run first.
    /// </summary>
    public static string ForCaller(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(VitaSenseClaims.ApiKeyId)?.Value is { Length: > 0 } keyId)
            {
                return $"key:{keyId}";
            }
            if (user.FindFirst(VitaSenseClaims.Subject)?.Value is { Length: > 0 } userId)
            {
                return $"user:{userId}";
            }
        }
        return $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
    }
}
