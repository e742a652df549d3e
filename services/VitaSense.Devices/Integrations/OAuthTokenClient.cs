using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Integrations;

/// <summary>OAuth 2.0 token requests (RFC 6749): authorization-code exchange (§4.1.3) and refresh (§6).</summary>
public sealed class OAuthTokenClient(VendorHttp http, TimeProvider time)
{
    /// <summary>Exchanges an authorization code for tokens.</summary>
    public Task<VendorCredentials> ExchangeCodeAsync(IVendorConnector connector, VendorEndpoint endpoint, string code, string redirectUri, CancellationToken cancellationToken) =>
        RequestAsync(connector, endpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
        }, null, cancellationToken);

    /// <summary>Refreshes <paramref name="current"/>; without a refresh token the user must connect again.</summary>
    public async Task<VendorCredentials> RefreshAsync(IVendorConnector connector, VendorEndpoint endpoint, VendorCredentials current, CancellationToken cancellationToken)
    {
        if (current.RefreshToken is not { Length: > 0 } refreshToken)
        {
            throw new VendorException(connector.DisplayName, VendorErrorKind.Unauthorized, $"{connector.DisplayName} access expired and no refresh token is stored: connect again.");
        }
        try
        {
            return await RequestAsync(connector, endpoint, new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
            }, current, cancellationToken);
        }
        catch (VendorException ex) when (ex.Kind == VendorErrorKind.Refused)
        {
            // A refused refresh token (revoked, already used) cannot be fixed by retrying: the user must connect again.
            throw new VendorException(ex.Vendor, VendorErrorKind.Unauthorized, $"{ex.Message} The stored authorization is no longer valid: connect again.", ex.StatusCode);
        }
    }

    private async Task<VendorCredentials> RequestAsync(IVendorConnector connector, VendorEndpoint endpoint, Dictionary<string, string> form,
        VendorCredentials? previous, CancellationToken cancellationToken)
    {
        var vendor = connector.DisplayName;
        if (endpoint.TokenUrl is null || endpoint.ClientId is not { Length: > 0 })
        {
            throw new VendorException(vendor, VendorErrorKind.Refused, $"{vendor} is not configured: Integrations:{connector.Type}:TokenUrl and ClientId are required.");
        }
        connector.AddTokenParameters(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.TokenUrl);
        if (connector.TokenStyle == TokenRequestStyle.BasicAuthentication)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(endpoint.ClientId)}:{Uri.EscapeDataString(endpoint.ClientSecret ?? "")}")));
            form["client_id"] = endpoint.ClientId;
        }
        else
        {
            form["client_id"] = endpoint.ClientId;
            form["client_secret"] = endpoint.ClientSecret ?? "";
        }
        request.Content = new FormUrlEncodedContent(form);

        HttpResponseMessage response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            response = await http.Client.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new VendorException(vendor, VendorErrorKind.Unavailable, $"{vendor}'s token endpoint could not be reached: {ex.GetType().Name}.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                throw new VendorException(vendor, VendorErrorKind.Unavailable, $"{vendor}'s token endpoint answered {status}.", status);
            }

            JsonElement token;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement.Clone();
                if (status >= 400)
                {
                    // The OAuth error code and description say why (invalid_grant...); they carry no secret.
                    var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e.ToString() : "unknown";
                    throw new VendorException(vendor, VendorErrorKind.Refused, $"{vendor} refused the token request ({status}, {Truncate(error)}).", status);
                }
                token = connector.ReadTokenResponse(root);
            }
            catch (JsonException)
            {
                throw new VendorException(vendor, status >= 400 ? VendorErrorKind.Refused : VendorErrorKind.InvalidPayload,
                    $"{vendor}'s token endpoint answered {status} without a JSON token.", status);
            }

            var json = new VendorJson(vendor);
            var accessToken = json.String(token, "access_token", "token");
            var expiresIn = json.OptionalNumber(token, "expires_in", "token");
            var userId = token.TryGetProperty("user_id", out var u) ? u.ToString()
                : token.TryGetProperty("userid", out var w) ? w.ToString() : previous?.VendorUserId;
            return new VendorCredentials
            {
                AccessToken = accessToken,
                // A vendor that does not rotate refresh tokens leaves it out of a refresh answer: keep the old one.
                RefreshToken = json.OptionalString(token, "refresh_token") ?? previous?.RefreshToken,
                ExpiresAt = expiresIn is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null,
                Scope = token.TryGetProperty("scope", out var scope) ? scope.ToString() : previous?.Scope,
                VendorUserId = string.IsNullOrEmpty(userId) ? null : userId,
            };
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200].ToString(CultureInfo.InvariantCulture);
}
