using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Infrastructure.Security;

/// <summary>
/// Encrypts vendor credentials for storage with AES-256-GCM: a fresh 12-byte nonce per value, the 16-byte tag, and the
/// row's identity as associated data, so a ciphertext copied onto another device's row does not decrypt. The key is
/// <c>Devices:CredentialKey</c> (base64, 32 bytes); without one, outside Production, it is derived (HKDF) from the
/// service's JWT signing key, so a local run and the tests need no extra secret. Nothing here logs a value.
/// </summary>
public sealed class CredentialProtector
{
    /// <summary>The configuration key of the encryption key.</summary>
    public const string KeySetting = "Devices:CredentialKey";

    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key;

    /// <summary>Reads the key from configuration (see the class summary).</summary>
    public CredentialProtector(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[KeySetting] is { Length: > 0 } encoded)
        {
            key = Convert.FromBase64String(encoded);
            if (key.Length != 32)
            {
                throw new InvalidOperationException($"{KeySetting} must be 32 bytes, base64.");
            }
        }
        else if (!environment.IsProduction() && configuration["Authentication:Jwt:SigningKey"] is { Length: > 0 } signingKey)
        {
            key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(signingKey), 32, info: "vitasense-devices-credentials"u8.ToArray());
        }
        else
        {
            throw new InvalidOperationException($"{KeySetting} is not configured: vendor credentials cannot be stored encrypted.");
        }
    }

    /// <summary>Creates a protector with an explicit 32-byte key.</summary>
    public CredentialProtector(byte[] key)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 32);
        this.key = key;
    }

    /// <summary>Encrypts <paramref name="credentials"/> bound to <paramref name="owner"/> (a device id or user and integration).</summary>
    public byte[] Protect(VendorCredentials credentials, string owner)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(credentials);
        var output = new byte[1 + NonceSize + TagSize + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(owner));
        CryptographicOperations.ZeroMemory(plaintext);
        return output;
    }

    /// <summary>Decrypts what <see cref="Protect"/> wrote for the same <paramref name="owner"/>; throws <see cref="CryptographicException"/> otherwise.</summary>
    public VendorCredentials Unprotect(byte[] protectedValue, string owner)
    {
        if (protectedValue.Length < 1 + NonceSize + TagSize || protectedValue[0] != FormatVersion)
        {
            throw new CryptographicException("Not a protected credential value.");
        }
        var plaintext = new byte[protectedValue.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(protectedValue.AsSpan(1, NonceSize), protectedValue.AsSpan(1 + NonceSize + TagSize), protectedValue.AsSpan(1 + NonceSize, TagSize),
            plaintext, Encoding.UTF8.GetBytes(owner));
        try
        {
            return JsonSerializer.Deserialize<VendorCredentials>(plaintext) ?? throw new CryptographicException("Empty credential value.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
