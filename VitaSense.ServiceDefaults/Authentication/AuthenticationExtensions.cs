using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>
/// The platform's authentication: JWT bearer tokens for people and API keys for devices and exporters,
/// behind one default scheme that picks the right handler per request.
/// </summary>
public static class AuthenticationExtensions
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyDefaults.Scheme"/> or JWT bearer.</summary>
    public const string DefaultScheme = "VitaSense";

    /// <summary>
    /// Adds JWT bearer (configuration section <c>Authentication:Jwt</c>: <c>Authority</c> for any OIDC issuer, or
    /// <c>SigningKey</c> (base64) with <c>Issuer</c> and <c>Audience</c>) and the API-key scheme. API keys are
    /// validated by the <see cref="IApiKeyStore"/> the service registers; without one, API keys are refused.
    /// </summary>
    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var jwt = JwtSettings.From(builder.Configuration);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ApiKeyValidator>();
        builder.Services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or JWT bearer", options =>
                options.ForwardDefaultSelector = context =>
                    ApiKeyDefaults.TryReadKey(context.Request, out _) ? ApiKeyDefaults.Scheme : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Audience = jwt.Audience;
                if (jwt.Authority is not null)
                {
                    options.Authority = jwt.Authority;
                    options.RequireHttpsMetadata = jwt.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                }
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = jwt.Authority ?? jwt.Issuer,
                    ValidateAudience = true,
                    ValidAudience = jwt.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                    IssuerSigningKey = jwt.SigningKey is null ? null : new SymmetricSecurityKey(jwt.SigningKey),
                    ValidateIssuerSigningKey = true,
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}

/// <summary>JWT settings read from <c>Authentication:Jwt</c>.</summary>
/// <param name="Authority">An OIDC authority whose discovery document supplies keys; null for a local signing key.</param>
/// <param name="Issuer">Expected <c>iss</c> when no authority is set.</param>
/// <param name="Audience">Expected <c>aud</c>.</param>
/// <param name="SigningKey">HMAC-SHA256 key bytes, when tokens are signed locally.</param>
public sealed record JwtSettings(string? Authority, string Issuer, string Audience, byte[]? SigningKey)
{
    /// <summary>The issuer of development tokens minted by the AppHost.</summary>
    public const string DevelopmentIssuer = "vitasense-dev";

    /// <summary>The audience every VitaSense service expects.</summary>
    public const string DefaultAudience = "vitasense";

    /// <summary>The settings of locally signed development tokens (the AppHost's key and tests' keys).</summary>
    public static JwtSettings Development(byte[] signingKey) => new(null, DevelopmentIssuer, DefaultAudience, signingKey);

    /// <summary>Reads the settings; a signing key shorter than 256 bits is refused.</summary>
    public static JwtSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Authentication:Jwt");
        var key = section["SigningKey"] is { Length: > 0 } encoded ? Convert.FromBase64String(encoded) : null;
        if (key is { Length: < 32 })
        {
            throw new InvalidOperationException("Authentication:Jwt:SigningKey must be at least 256 bits (32 bytes, base64).");
        }

        return new JwtSettings(
            section["Authority"] is { Length: > 0 } authority ? authority : null,
            section["Issuer"] is { Length: > 0 } issuer ? issuer : DevelopmentIssuer,
            section["Audience"] is { Length: > 0 } audience ? audience : DefaultAudience,
            key);
    }

    /// <inheritdoc />
    public override string ToString() => $"JwtSettings {{ Authority = {Authority}, Issuer = {Issuer}, Audience = {Audience}, SigningKey = {(SigningKey is null ? "none" : "***")} }}";

}
