using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VitaSense.Devices.Tests;

/// <summary>
/// A project of the repository run as a child process from its build output (<c>dotnet {Project}.dll</c>) on a free
/// local port, its output kept for failure messages. The project must have been built: a ProjectReference with
/// <c>ReferenceOutputAssembly="false"</c> does that for this test project's build (the fake vendor); otherwise the
/// solution build does (ingestion).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string name;
    private readonly StringBuilder output = new();

    private ServiceProcess(Process process, string name, Uri baseUrl)
    {
        this.process = process;
        this.name = name;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The last characters of the output, for an assertion message.</summary>
    public string OutputTail => Output[^Math.Min(4000, Output.Length)..];

    /// <summary>The real ingestion service against the given connection strings and keys.</summary>
    public static ServiceProcess Ingestion(IReadOnlyDictionary<string, string> environment) =>
        Start(Path.Combine("services", "VitaSense.Ingestion"), environment);

    /// <summary>The stand-in Oura cloud the AppHost starts with <c>--AppHost:FakeVendor=true</c>.</summary>
    public static ServiceProcess FakeVendor() =>
        Start(Path.Combine("tools", "VitaSense.FakeVendor"), new Dictionary<string, string>());

    /// <summary>Starts the project in <paramref name="projectDirectory"/> (relative to the repository root), named as its folder.</summary>
    public static ServiceProcess Start(string projectDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var name = Path.GetFileName(projectDirectory);
        var dll = FindDll(projectDirectory, name);
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var started = new ServiceProcess(process, name, baseUrl);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200.</summary>
    public async Task WaitUntilAliveAsync(TimeSpan timeout, string path = "/alive")
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(process.HasExited, $"{name} exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"{name} did not answer {path} within {timeout}:\n{Output}");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            if (output.Length < 200_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string FindDll(string projectDirectory, string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VitaSense.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "the repository root (VitaSense.sln) was not found above the test assembly");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(directory!.FullName, projectDirectory, "bin", configuration, "net10.0", $"{name}.dll");
        Assert.True(File.Exists(dll), $"{dll} does not exist: build the solution (or {projectDirectory}) first");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
