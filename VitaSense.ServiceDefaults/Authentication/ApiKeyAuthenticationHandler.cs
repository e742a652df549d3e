using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>
/// Authenticates a request by its API key. A failed or missing key is answered 401 with the device-status
/// specification's body, <c>{"detail": "Invalid API key"}</c>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiKeyDefaults.TryReadKey(Request, out var presented))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await validator.ValidateAsync(presented, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("Invalid API key");
        }

        List<Claim> claims =
        [
            new(VitaSenseClaims.Subject, identity.UserId),
            new(VitaSenseClaims.ApiKeyId, identity.KeyId),
        ];
        if (identity.DeviceId is not null)
        {
            claims.Add(new Claim(VitaSenseClaims.DeviceId, identity.DeviceId));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, VitaSenseClaims.Subject, "role"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiKeyDefaults.WriteInvalidKeyAsync(Response, "ApiKey",
            validator.AcceptsKeys || !ApiKeyDefaults.TryReadKey(Request, out _) ? ApiKeyDefaults.InvalidKeyDetail : ApiKeyDefaults.KeysNotAcceptedDetail);
}
