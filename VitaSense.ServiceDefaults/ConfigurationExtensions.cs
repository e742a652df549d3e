using Microsoft.Extensions.Configuration;

namespace VitaSense.ServiceDefaults;

/// <summary>Reading what every service needs from configuration, with errors that name the missing key.</summary>
public static class ConfigurationExtensions
{
    /// <summary>The connection string <paramref name="name"/>, or an error naming the key and what it is for.</summary>
    public static string GetRequiredConnectionString(this IConfiguration configuration, string name, string what) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"ConnectionStrings:{name} ({what}) is not configured.");
}
