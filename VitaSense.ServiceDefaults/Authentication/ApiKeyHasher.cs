using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace VitaSense.ServiceDefaults.Authentication;

/// <summary>
/// Argon2id hashing of API key secrets, stored in PHC string form
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>, the OWASP minimum parameters).
/// </summary>
public static class ApiKeyHasher
{
    private const int MemoryKiB = 19_456;
    private const int Iterations = 2;
    private const int Parallelism = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Hashes a secret with a fresh random salt.</summary>
    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(secret, salt, MemoryKiB, Iterations, Parallelism, HashBytes);
        return $"$argon2id$v=19$m={MemoryKiB},t={Iterations},p={Parallelism}${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(hash).TrimEnd('=')}";
    }

    /// <summary>Checks a secret against a stored PHC string, in constant time; false for a malformed hash.</summary>
    public static bool Verify(string secret, string phc)
    {
        var parts = phc.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        if (!TryReadParameters(parts[3], out var memoryKiB, out var iterations, out var parallelism)
            || !TryFromBase64(parts[4], out var salt)
            || !TryFromBase64(parts[5], out var expected)
            || salt.Length < 8 || expected.Length < 16)
        {
            return false;
        }

        var actual = Compute(secret, salt, memoryKiB, iterations, parallelism, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryReadParameters(string text, out int memoryKiB, out int iterations, out int parallelism)
    {
        memoryKiB = iterations = parallelism = 0;
        foreach (var pair in text.Split(','))
        {
            var (name, value) = pair.Split('=') is [var n, var v] && int.TryParse(v, out var parsed) && parsed > 0 ? (n, parsed) : ("", 0);
            switch (name)
            {
                case "m": memoryKiB = value; break;
                case "t": iterations = value; break;
                case "p": parallelism = value; break;
                default: return false;
            }
        }
        return memoryKiB > 0 && iterations > 0 && parallelism > 0;
    }

    private static byte[] Compute(string secret, byte[] salt, int memoryKiB, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(secret))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static bool TryFromBase64(string unpadded, out byte[] bytes)
    {
        var padded = unpadded.PadRight(unpadded.Length + (4 - unpadded.Length % 4) % 4, '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        bytes = [];
        return false;
    }
}
