namespace VitaSense.Hosting;

/// <summary>Finds the <c>dotnet</c> host that starts projects' assemblies.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // The SDK sets DOTNET_HOST_PATH under dotnet run/test; the AppHost itself usually runs as a native apphost.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "dotnet"))
            .Append(System.IO.Path.Combine(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet", "dotnet"))
            .Append("/usr/share/dotnet/dotnet")
            .Append("/usr/lib/dotnet/dotnet");
        return candidates.FirstOrDefault(File.Exists) ?? "dotnet";
    }
}
