using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using VitaSense.Hosting.Commands;
using VitaSense.Hosting.Testing;

namespace VitaSense.Hosting;

/// <summary>
/// The app model, ready to run (as Aspire's <c>DistributedApplication</c>): starts the resources, streams their output,
/// reports their state, and stops everything it started on Ctrl+C, SIGTERM or disposal.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder builder;
    private readonly EngineSettings settings;
    private readonly ConsoleOutput console;
    private readonly Lock gate = new();
    private Orchestrator? orchestrator;
    private StateDirectory? state;
    private Task? stopTask;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        this.builder = builder;
        Validate(builder.Resources);
        settings = EngineSettings.From(builder.Configuration, builder.ExecutionContext.IsTesting);
        console = new ConsoleOutput(settings.EchoToConsole);
    }

    /// <summary>State of every resource, and changes as they happen.</summary>
    public ResourceNotificationService ResourceNotifications { get; } = new();

    /// <summary>Console output of every resource.</summary>
    public ResourceLoggerService ResourceLogs { get; } = new();

    /// <summary>The resources of the model.</summary>
    public IReadOnlyList<IResource> Resources => builder.Resources.ToList();

    /// <summary>The AppHost's configuration.</summary>
    public IConfiguration Configuration => builder.Configuration;

    /// <summary>The development JWT signing key (base64) handed to every project; known once started.</summary>
    public string? JwtSigningKey { get; private set; }

    /// <summary>The state folder in use; known once started.</summary>
    public string? StateDirectory => state?.Path;

    /// <summary>Creates the app-model builder; under the testing entry point, a builder the test takes over.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        TestingHook.Current is { } hook ? hook.CreateBuilder() : new DistributedApplicationBuilder(args, isTesting: false, onBuild: null);

    /// <summary>Runs until Ctrl+C or SIGTERM (or runs the sub-command given on the command line).</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Runs until Ctrl+C, SIGTERM or <paramref name="cancellationToken"/>; a failed start sets a non-zero exit code.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (builder.ExecutionContext.Command is { } command)
        {
            Environment.ExitCode = await CommandLine.RunAsync(command, builder.CommandArguments, builder.Configuration, AppName, cancellationToken);
            return;
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Shutdown);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Shutdown);
        _ = WatchParentAsync(shutdown);

        var started = false;
        try
        {
            await StartAsync(shutdown.Token);
            started = true;
            new RunFile(Environment.ProcessId, GatewayUrl(), ProjectUrls(), DateTimeOffset.UtcNow).Write(state!.Path);
            _ = ReportWhenSettledAsync(shutdown.Token);
            await Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            console.Message("Stopping...");
        }
        catch (DistributedApplicationException e)
        {
            // One clear sentence (what is missing, how to install it), not a stack trace.
            Console.Error.WriteLine(e.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            await StopAsync(CancellationToken.None);
            if (state is not null)
            {
                RunFile.Delete(state.Path);
            }
        }

        if (started)
        {
            console.Message("Stopped.");
        }

        void Shutdown(PosixSignalContext context)
        {
            // The engine stops its children itself, in order; the runtime must not exit first.
            context.Cancel = true;
            shutdown.Cancel();
        }
    }

    /// <summary>Starts every resource (in the background: wait with <see cref="ResourceNotificationService.WaitForResourceHealthyAsync"/>).</summary>
    /// <exception cref="DistributedApplicationException">A prerequisite is missing.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (orchestrator is not null)
            {
                throw new InvalidOperationException("The application was already started.");
            }

            state = Hosting.StateDirectory.Resolve(builder.Configuration, builder.ExecutionContext.IsTesting, AppName);
            JwtSigningKey = DevelopmentSigningKey.ReadOrCreate(state);
            orchestrator = new Orchestrator(builder.Resources.ToList(), builder.Configuration, settings, state, JwtSigningKey, ResourceNotifications, ResourceLogs, console);
            orchestrator.Start();
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops everything the engine started: projects, then Redis, PostgreSQL, the Kafka mock cluster.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            stopTask ??= StopCoreAsync();
        }

        return stopTask.WaitAsync(cancellationToken);
    }

    /// <summary>Stops everything; a test app also deletes its temporary state folder.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The connection string of a resource, once it is known (null for a server the engine does not start).</summary>
    internal Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken) =>
        Started().Runtime(resourceName).ConnectionString.Task.WaitAsync(cancellationToken);

    /// <summary>The URL of a project's first replica.</summary>
    internal Uri GetEndpoint(string resourceName) =>
        Started().Runtime(resourceName).Urls is [var first, ..] ? new Uri(first) : throw new ArgumentException($"{resourceName} has no HTTP endpoint.", nameof(resourceName));

    internal IReadOnlyCollection<ResourceRuntime> Runtimes => Started().Runtimes;

    /// <summary>Takes a Kafka mock cluster's broker down or brings it back.</summary>
    internal void SetKafkaAvailable(string resourceName, bool available) => Started().KafkaCluster(resourceName).SetAvailable(available);

    private string AppName => (Assembly.GetEntryAssembly() is { } entry && entry.GetName().Name is { } name && name != "testhost"
        ? name
        : typeof(DistributedApplication).Assembly.GetName().Name) ?? "VitaSense.AppHost";

    private Orchestrator Started() => orchestrator ?? throw new InvalidOperationException("Start the application first.");

    private async Task StopCoreAsync()
    {
        if (orchestrator is not null)
        {
            await orchestrator.StopAsync();
        }

        state?.DeleteIfTemporary();
    }

    private async Task ReportWhenSettledAsync(CancellationToken cancellationToken)
    {
        await Started().WhenSettled().WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        console.Table(ResourceNotifications.GetCurrentStates());
        var failed = ResourceNotifications.GetCurrentStates().Where(s => KnownResourceStates.IsTerminal(s.State)).ToList();
        console.Message(failed.Count == 0
            ? $"All resources are healthy.{(GatewayUrl() is { } gateway ? $" Gateway: {gateway}" : "")} Press Ctrl+C to stop."
            : $"{string.Join(", ", failed.Select(f => f.Name))} did not start; the rest keeps running. Press Ctrl+C to stop.");
    }

    /// <summary>A run orphaned by its launcher (dotnet run killed) stops instead of holding its servers forever.</summary>
    private static async Task WatchParentAsync(CancellationTokenSource shutdown)
    {
        var parent = ParentProcessId();
        while (!shutdown.IsCancellationRequested && parent > 1)
        {
            await Task.Delay(1_000).ConfigureAwait(false);
            if (ParentProcessId() != parent)
            {
                await shutdown.CancelAsync();
            }
        }
    }

    private static int ParentProcessId()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private string? GatewayUrl()
    {
        var runtimes = orchestrator?.Runtimes ?? [];
        var external = runtimes.FirstOrDefault(r => r.Resource is ProjectResource p && ProjectResourceBuilderExtensions.Endpoint(p).IsExternal)
            ?? runtimes.FirstOrDefault(r => r.Name == "gateway");
        return external?.Urls.FirstOrDefault();
    }

    private Dictionary<string, string> ProjectUrls() =>
        (orchestrator?.Runtimes ?? []).Where(r => r.Urls.Count > 0).ToDictionary(r => r.Name, r => r.Urls[0]);

    private static void Validate(IEnumerable<IResource> resources)
    {
        var names = resources.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            foreach (var target in resource.Annotations.Select(a => a switch
                     {
                         WaitAnnotation w => w.Resource,
                         ResourceReferenceAnnotation r => r.Resource,
                         _ => null,
                     }).OfType<IResource>())
            {
                if (!names.Contains(target.Name))
                {
                    throw new InvalidOperationException($"{resource.Name} refers to {target.Name}, which is not in the app model.");
                }
            }

            if (resource is IResourceWithParent child && !names.Contains(child.Parent.Name))
            {
                throw new InvalidOperationException($"{resource.Name} lives in {child.Parent.Name}, which is not in the app model.");
            }
        }
    }
}
