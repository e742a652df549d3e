using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>
/// An API key as handed to its owner once: <c>vsk_{keyId}_{secret}</c>. The key id is stored in clear to find the
/// record; the secret only as an Argon2id hash (<see cref="ApiKeyHasher"/>).
/// </summary>
/// <param name="KeyId">Public identifier of the key (12 characters).</param>
/// <param name="Secret">The secret part (43 characters).</param>
public sealed record ApiKeySecret(string KeyId, string Secret)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The full key string.</summary>
    public string Value => $"{ApiKeyDefaults.KeyPrefix}{KeyId}_{Secret}";

    /// <summary>Makes a new random key.</summary>
    public static ApiKeySecret Generate() =>
        new(RandomNumberGenerator.GetString(Alphabet, 12), RandomNumberGenerator.GetString(Alphabet, 43));

    /// <summary>Splits a presented key; false when it is not of the VitaSense form.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out ApiKeySecret? key)
    {
        key = null;
        if (value.Length != ApiKeyDefaults.KeyPrefix.Length + 12 + 1 + 43
            || !value.StartsWith(ApiKeyDefaults.KeyPrefix, StringComparison.Ordinal)
            || value[ApiKeyDefaults.KeyPrefix.Length + 12] != '_')
        {
            return false;
        }

        var keyId = value.Substring(ApiKeyDefaults.KeyPrefix.Length, 12);
        var secret = value[(ApiKeyDefaults.KeyPrefix.Length + 13)..];
        if (!keyId.All(Alphabet.Contains) || !secret.All(Alphabet.Contains))
        {
            return false;
        }

        key = new ApiKeySecret(keyId, secret);
        return true;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"{ApiKeyDefaults.KeyPrefix}{KeyId}_***";
}
