using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>
/// OAuth tokens (or a vendor API key) for one device or one user's integration. Only ever held in memory decrypted;
/// stored encrypted by <see cref="Infrastructure.Security.CredentialProtector"/>; <see cref="ToString"/> hides them.
/// </summary>
public sealed record VendorCredentials
{
    /// <summary>The access token.</summary>
    [JsonPropertyName("access_token")] public required string AccessToken { get; init; }

    /// <summary>The refresh token, when the vendor issues one.</summary>
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }

    /// <summary>When the access token expires, when known.</summary>
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The scopes granted, space separated, when known.</summary>
    [JsonPropertyName("scope")] public string? Scope { get; init; }

    /// <summary>The vendor's id of the user, when known.</summary>
    [JsonPropertyName("vendor_user_id")] public string? VendorUserId { get; init; }

    /// <summary>Never the tokens themselves: records are printed by loggers and debuggers.</summary>
    public override string ToString() => $"VendorCredentials {{ AccessToken = ***, RefreshToken = {(RefreshToken is null ? "none" : "***")}, ExpiresAt = {ExpiresAt} }}";
}
