using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VitaSense.Devices.Tests.Sync;

/// <summary>
/// The real ingestion service, run as a child process from its build output (<c>dotnet VitaSense.Ingestion.dll</c>)
/// on a free port, against the test's PostgreSQL, Redis and Kafka. This test project does not reference the
/// ingestion project, so the solution must have been built (as CI and <c>dotnet test</c> of the solution do).
/// </summary>
public sealed class IngestionProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private IngestionProcess(Process process, Uri baseUrl)
    {
        this.process = process;
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

    public static IngestionProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var dll = FindDll();
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
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
        var ingestion = new IngestionProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => ingestion.Append(e.Data);
        process.ErrorDataReceived += (_, e) => ingestion.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return ingestion;
    }

    /// <summary>Waits until <c>/alive</c> answers 200.</summary>
    public async Task WaitUntilAliveAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(process.HasExited, $"ingestion exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/alive")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"ingestion did not come up within {timeout}:\n{Output}");
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

    private static string FindDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VitaSense.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "the repository root (VitaSense.sln) was not found above the test assembly");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(directory!.FullName, "services", "VitaSense.Ingestion", "bin", configuration, "net10.0", "VitaSense.Ingestion.dll");
        Assert.True(File.Exists(dll), $"{dll} does not exist: build the solution (or services/VitaSense.Ingestion) first");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
