using System.Diagnostics;

namespace VitaSense.Hosting;

/// <summary>Finds the local server binaries the engine runs, or says in one sentence how to install them.</summary>
internal static class Prerequisites
{
    public const string InstallCommand = "sudo apt-get install -y postgresql redis-server";

    /// <summary>The PostgreSQL 15 bin folder (initdb, postgres): <c>AppHost:PostgresBinDirectory</c>, Debian's, or pg_config's.</summary>
    public static string PostgresBinDirectory(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return File.Exists(Path.Combine(configured, "postgres")) && File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw Missing($"PostgreSQL server binaries (initdb, postgres) were not found in {configured} (AppHost:PostgresBinDirectory).");
        }

        const string debian = "/usr/lib/postgresql/15/bin";
        if (File.Exists(Path.Combine(debian, "postgres")))
        {
            return debian;
        }

        if (Run("pg_config", "--bindir") is { } bindir && File.Exists(Path.Combine(bindir, "postgres")) && File.Exists(Path.Combine(bindir, "initdb")))
        {
            return bindir;
        }

        throw Missing("PostgreSQL 15 server binaries (initdb, postgres) were not found.");
    }

    /// <summary>The redis-server executable: <c>AppHost:RedisServerPath</c>, or redis-server on the PATH.</summary>
    public static string RedisServer(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return File.Exists(configured) ? configured : throw Missing($"redis-server was not found at {configured} (AppHost:RedisServerPath).");
        }

        return FindOnPath("redis-server") ?? throw Missing("redis-server was not found.");
    }

    private static DistributedApplicationException Missing(string what) =>
        new($"{what} VitaSense runs PostgreSQL 15 and Redis from the distribution's packages; install them with: {InstallCommand}");

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string? Run(string command, string argument)
    {
        if (FindOnPath(command) is not { } path)
        {
            return null;
        }

        // stderr is not redirected: an unread pipe that fills up would block the child forever.
        using var process = Process.Start(new ProcessStartInfo(path, argument) { RedirectStandardOutput = true });
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        var text = output.GetAwaiter().GetResult().Trim();
        return process.ExitCode == 0 && text.Length > 0 ? text : null;
    }
}
