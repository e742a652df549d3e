using System.Text;
using Microsoft.Extensions.Configuration;

namespace VitaSense.Hosting;

/// <summary>
/// The app's private folder for data and secrets: PostgreSQL data, the development signing key, run.json.
/// <c>$XDG_STATE_HOME/vitasense/&lt;app&gt;</c> or <c>~/.local/state/vitasense/&lt;app&gt;</c>; as root
/// <c>/var/lib/vitasense/&lt;app&gt;</c> because the <c>postgres</c> user cannot traverse <c>/root</c>;
/// <c>AppHost:StateDirectory</c> overrides it; tests get a fresh temporary folder.
/// </summary>
internal sealed class StateDirectory
{
    private const string TestFolderPrefix = "vitasense-test-";
    private const string OwnerFile = "owner.pid";

    private StateDirectory(string path, bool isTemporary)
    {
        Path = path;
        IsTemporary = isTemporary;
    }

    public string Path { get; }

    /// <summary>Created for one test app and deleted when it stops.</summary>
    public bool IsTemporary { get; }

    public static StateDirectory Resolve(IConfiguration configuration, bool isTesting, string appName)
    {
        if (configuration["AppHost:StateDirectory"] is { Length: > 0 } configured)
        {
            return Create(System.IO.Path.GetFullPath(configured), isTemporary: false);
        }

        if (isTesting)
        {
            SweepAbandonedTestFolders();
            var folder = Create(Directory.CreateTempSubdirectory(TestFolderPrefix).FullName, isTemporary: true);
            System.IO.File.WriteAllText(folder.File(OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return folder;
        }

        return Create(System.IO.Path.Combine(Root(), appName), isTemporary: false);
    }

    /// <summary>The path without creating anything (sub-commands look for a running system).</summary>
    public static string Locate(IConfiguration configuration, string appName) =>
        configuration["AppHost:StateDirectory"] is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured)
            : System.IO.Path.Combine(Root(), appName);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Folder(string name)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Reads a secret file, creating it (mode 0600) from <paramref name="create"/> the first time.</summary>
    public string ReadOrCreateSecret(string name, Func<string> create)
    {
        var path = File(name);
        if (System.IO.File.Exists(path))
        {
            return System.IO.File.ReadAllText(path).Trim();
        }

        var value = create();
        WriteSecret(path, value);
        return value;
    }

    /// <summary>Writes a file only its owner can read.</summary>
    public static void WriteSecret(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void DeleteIfTemporary()
    {
        if (IsTemporary && Directory.Exists(Path))
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp folder is cleaned by the OS eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>
    /// Test hosts are often killed rather than exited, so their folders outlive them (their servers do not:
    /// they get a parent-death signal). Folders whose owning process is gone are deleted by the next test app.
    /// </summary>
    private static void SweepAbandonedTestFolders()
    {
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), TestFolderPrefix + "*"))
        {
            try
            {
                var owner = System.IO.Path.Combine(folder, OwnerFile);
                var abandoned = System.IO.File.Exists(owner)
                    ? int.TryParse(System.IO.File.ReadAllText(owner), out var pid) && !Posix.IsAlive(pid)
                    : Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow.AddHours(-1);
                if (abandoned)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or still in use: leave it.
            }
        }
    }

    private static string Root()
    {
        if (Posix.IsRoot && !OperatingSystem.IsWindows())
        {
            return "/var/lib/vitasense";
        }

        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return System.IO.Path.Combine(stateHome, "vitasense");
    }

    private static StateDirectory Create(string path, bool isTemporary)
    {
        Directory.CreateDirectory(path);
        if (Posix.IsRoot && !OperatingSystem.IsWindows())
        {
            // Others may pass through (the postgres user reaches its own folder inside) but not list or read.
            var traverse = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            System.IO.File.SetUnixFileMode(path, traverse);
            var parent = Directory.GetParent(path);
            if (parent is { FullName: "/var/lib/vitasense" })
            {
                System.IO.File.SetUnixFileMode(parent.FullName, traverse);
            }
        }

        return new StateDirectory(path, isTemporary);
    }
}
