using System.Security.Cryptography;

namespace VitaSense.Hosting;

/// <summary>The development JWT signing key: 32 random bytes made once per state folder, kept base64 in a 0600 file.</summary>
internal static class DevelopmentSigningKey
{
    public const string FileName = "jwt-signing-key";

    public static string ReadOrCreate(StateDirectory state) =>
        state.ReadOrCreateSecret(FileName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The key of a state folder that already has one, or null.</summary>
    public static string? Read(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
