using System.Text.Json;
using System.Text.Json.Serialization;

namespace VitaSense.Hosting;

/// <summary><c>run.json</c> in the state folder while the app runs: how sub-commands find the running system.</summary>
internal sealed record RunFile(
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("gateway")] string? GatewayUrl,
    [property: JsonPropertyName("projects")] IReadOnlyDictionary<string, string> ProjectUrls,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt)
{
    public const string FileName = "run.json";

    public void Write(string stateDirectory) =>
        StateDirectory.WriteSecret(Path.Combine(stateDirectory, FileName), JsonSerializer.Serialize(this));

    public static void Delete(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The running system's file, or null when none runs (no file, or its process is gone).</summary>
    public static RunFile? ReadRunning(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var run = JsonSerializer.Deserialize<RunFile>(File.ReadAllText(path));
        return run is not null && Posix.IsAlive(run.ProcessId) ? run : null;
    }
}
