using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>Mints HMAC-signed JWTs with a local development key (the AppHost's <c>token</c> command and tests).</summary>
public static class DevelopmentTokens
{
    /// <summary>A token for <paramref name="userId"/> signed with <paramref name="settings"/>' key.</summary>
    public static string Mint(JwtSettings settings, string userId, TimeSpan lifetime, TimeProvider? time = null)
    {
        var key = settings.SigningKey ?? throw new InvalidOperationException("No signing key is configured; tokens come from the OIDC authority.");
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity([new Claim(VitaSenseClaims.Subject, userId)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
