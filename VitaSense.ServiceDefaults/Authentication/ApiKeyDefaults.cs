using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>Where API keys are read from and what they look like.</summary>
public static class ApiKeyDefaults
{
    /// <summary>Authentication scheme name.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Prefix of every VitaSense API key; lets a bearer credential be told apart from a JWT.</summary>
    public const string KeyPrefix = "vsk_";

    /// <summary>Headers an API key may arrive in, besides <c>Authorization: Bearer</c>.</summary>
    public static readonly string[] Headers = ["X-API-Key", "api-key"];

    /// <summary>
    /// Answers 401 with the device-status specification's body, <c>{"detail": "Invalid API key"}</c>.
    /// </summary>
    /// <param name="response">The response to write.</param>
    /// <param name="schemes">The <c>WWW-Authenticate</c> challenge, naming the schemes the endpoint accepts.</param>
    /// <param name="detail">The body's <c>detail</c>, when not the specification's.</param>
    public static Task WriteInvalidKeyAsync(HttpResponse response, string schemes, string detail = InvalidKeyDetail)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = schemes;
        return response.WriteAsJsonAsync(new { detail });
    }

    /// <summary>The device-status specification's 401 detail.</summary>
    public const string InvalidKeyDetail = "Invalid API key";

    /// <summary>The 401 detail of a service that takes no API keys, when one is presented.</summary>
    public const string KeysNotAcceptedDetail = "This service accepts a person's token (Authorization: Bearer <JWT>), not an API key.";

    /// <summary>Finds an API key in the request: <c>X-API-Key</c>, <c>api-key</c>, or a bearer credential that is a VitaSense key.</summary>
    public static bool TryReadKey(HttpRequest request, out string key)
    {
        foreach (var header in Headers)
        {
            if (request.Headers.TryGetValue(header, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]))
            {
                key = values[0]!.Trim();
                return true;
            }
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var credential = authorization["Bearer ".Length..].Trim();
            if (credential.StartsWith(KeyPrefix, StringComparison.Ordinal))
            {
                key = credential;
                return true;
            }
        }

        key = "";
        return false;
    }
}
