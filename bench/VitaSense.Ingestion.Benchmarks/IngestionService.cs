using VitaSense.Hosting;
using VitaSense.Hosting.Testing;
using VitaSense.Ingestion.Model.Sync;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>
/// The real ingestion service as its own process, with its own PostgreSQL, Redis and Kafka mock cluster, started from
/// the AppHost's app model through its testing entry point (fresh state folder, free ports, thrown away at the end).
/// </summary>
public sealed class IngestionService : IAsyncDisposable
{
    private const string Resource = "ingestion";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly DistributedApplication app;

    private IngestionService(DistributedApplication app, HttpClient client, string connectionString, int processId, int postgresProcessId)
    {
        this.app = app;
        Client = client;
        ConnectionString = connectionString;
        Memory = new ProcessMemory(processId);
        ServiceCpu = new ProcessTreeCpu(processId);
        DatabaseCpu = new ProcessTreeCpu(postgresProcessId);
    }

    /// <summary>A client of the service, without the 100 s default timeout (a large export takes longer on a slow machine).</summary>
    public HttpClient Client { get; }

    /// <summary>The service's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The service process's resident memory.</summary>
    public ProcessMemory Memory { get; }

    /// <summary>CPU of the service process.</summary>
    public ProcessTreeCpu ServiceCpu { get; }

    /// <summary>CPU of the PostgreSQL server and its backends.</summary>
    public ProcessTreeCpu DatabaseCpu { get; }

    /// <summary>
    /// Starts the service and what it depends on; its sync body limit is raised to fit <paramref name="bodyBytes"/>, and
    /// <paramref name="environment"/> is added to its environment.
    /// </summary>
    public static async Task<IngestionService> StartAsync(long bodyBytes, IEnumerable<KeyValuePair<string, string>> environment, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(timeout.Token);
        builder.KeepOnly(Resource, "vitasense", "cache", "messaging");
        var defaults = new SyncOptions();
        var service = builder.Resources.Single(r => r.Name == Resource);
        // The defaults already let a 100 MB export through; a larger --size-mb needs more room, never less.
        service.Annotations.Add(new EnvironmentAnnotation(
            $"{SyncOptions.SectionName}__{nameof(SyncOptions.MaxRequestBodyBytes)}", Math.Max(defaults.MaxRequestBodyBytes, bodyBytes * 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        service.Annotations.Add(new EnvironmentAnnotation(
            $"{SyncOptions.SectionName}__{nameof(SyncOptions.BytesPerHour)}", Math.Max(defaults.BytesPerHour, bodyBytes * 4).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (name, value) in environment)
        {
            service.Annotations.Add(new EnvironmentAnnotation(name, value));
        }

        var app = await builder.BuildAsync(timeout.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(Resource, timeout.Token);
            var client = app.CreateHttpClient(Resource);
            client.Timeout = Timeout.InfiniteTimeSpan;
            var connectionString = await app.GetConnectionStringAsync("vitasense", timeout.Token)
                ?? throw new InvalidOperationException("The vitasense database has no connection string.");
            return new IngestionService(app, client, connectionString, Single(app, Resource), Single(app, "postgres"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A JWT for <paramref name="userId"/>, signed with the app's development key.</summary>
    public string TokenFor(string userId) => app.MintToken(userId, TimeSpan.FromHours(2));

    /// <summary>Stops everything the app started and deletes its state folder.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }

    private static int Single(DistributedApplication app, string resource) =>
        app.GetProcessIds(resource) is [var pid] ? pid : throw new InvalidOperationException($"Expected one process for {resource}.");
}
