using Microsoft.Extensions.Configuration;
using Npgsql;
using VitaSense.Contracts;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Hosting;

/// <summary>
/// Starts every resource of the model in dependency order (each waits for what it waits for to be healthy),
/// watches the processes, and stops everything: projects first, then Redis, PostgreSQL, the Kafka mock cluster.
/// </summary>
internal sealed class Orchestrator
{
    private const int TopicPartitions = 4;
    private static readonly TimeSpan InfrastructureTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, ResourceRuntime> runtimes;
    private readonly IConfiguration configuration;
    private readonly EngineSettings settings;
    private readonly StateDirectory state;
    private readonly string signingKey;
    private readonly ResourceNotificationService notifications;
    private readonly ResourceLoggerService logs;
    private readonly ConsoleOutput console;
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<PostgresServer> postgresServers = [];
    private readonly List<RedisServer> redisServers = [];
    private readonly List<KafkaMockCluster> kafkaClusters = [];
    private readonly Dictionary<string, KafkaMockCluster> kafkaByResource = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string? postgresBin;
    private string? redisExecutable;
    private Task? stopTask;
    private volatile bool isStopping;

    public Orchestrator(
        IReadOnlyList<IResource> resources,
        IConfiguration configuration,
        EngineSettings settings,
        StateDirectory state,
        string signingKey,
        ResourceNotificationService notifications,
        ResourceLoggerService logs,
        ConsoleOutput console)
    {
        runtimes = resources.ToDictionary(r => r.Name, r => new ResourceRuntime(r), StringComparer.Ordinal);
        this.configuration = configuration;
        this.settings = settings;
        this.state = state;
        this.signingKey = signingKey;
        this.notifications = notifications;
        this.logs = logs;
        this.console = console;
    }

    public IReadOnlyCollection<ResourceRuntime> Runtimes => runtimes.Values;

    public ResourceRuntime Runtime(string name) =>
        runtimes.TryGetValue(name, out var runtime) ? runtime : throw new ArgumentException($"There is no resource named '{name}' in the app model.", nameof(name));

    /// <summary>Settles everything that can fail without starting anything, then starts every resource in the background.</summary>
    public void Start()
    {
        foreach (var runtime in runtimes.Values)
        {
            Publish(runtime, s => s with { State = KnownResourceStates.NotStarted });
            if (runtime.Resource is IResourceWithConnectionString && configuration.GetConnectionString(runtime.Name) is { Length: > 0 } existing)
            {
                runtime.ExternalConnectionString = existing;
            }
        }

        foreach (var server in runtimes.Values.Where(r => r.Resource is PostgresServerResource))
        {
            // A server whose databases all come from configuration, and that nothing else uses, is not started.
            var resource = (PostgresServerResource)server.Resource;
            server.Needed = resource.Databases.Any(d => runtimes.TryGetValue(d.Name, out var db) && db.ExternalConnectionString is null)
                || runtimes.Values.Any(r => r.Resource.Annotations.Any(a => a is WaitAnnotation w && w.Resource == resource || a is ResourceReferenceAnnotation f && f.Resource == resource));
        }

        var toStart = runtimes.Values.Where(r => r.Needed && r.ExternalConnectionString is null).ToList();
        if (toStart.Any(r => r.Resource is PostgresServerResource))
        {
            postgresBin = Prerequisites.PostgresBinDirectory(configuration["AppHost:PostgresBinDirectory"]);
        }

        if (toStart.Any(r => r.Resource is RedisResource))
        {
            redisExecutable = Prerequisites.RedisServer(configuration["AppHost:RedisServerPath"]);
        }

        foreach (var project in runtimes.Values.Where(r => r.Resource is ProjectResource))
        {
            AllocateUrls(project, (ProjectResource)project.Resource);
        }

        foreach (var runtime in runtimes.Values)
        {
            runtime.StartTask = Task.Run(() => RunAsync(runtime));
        }
    }

    /// <summary>Completes when every resource is healthy or has failed.</summary>
    public Task WhenSettled() => Task.WhenAll(runtimes.Values.Select(r => r.Healthy.Task.ContinueWith(_ => { }, TaskScheduler.Default)));

    public Task StopAsync()
    {
        lock (gate)
        {
            return stopTask ??= StopCoreAsync();
        }
    }

    private void AllocateUrls(ResourceRuntime runtime, ProjectResource project)
    {
        var endpoint = ProjectResourceBuilderExtensions.Endpoint(project);
        var replicas = ProjectResourceBuilderExtensions.Replicas(project);
        for (var i = 0; i < replicas; i++)
        {
            // A fixed port belongs to the first replica only; tests never use fixed ports, so parallel test runs do not collide.
            runtime.Urls.Add(i == 0 && endpoint.Port is { } port && !settings.IsTesting
                ? $"http://localhost:{port}"
                : $"http://127.0.0.1:{FreePort.Next()}");
        }

        Publish(runtime, s => s with { Urls = runtime.Urls.ToList() });
    }

    private async Task RunAsync(ResourceRuntime runtime)
    {
        var cancellationToken = stopping.Token;
        try
        {
            if (runtime.ExternalConnectionString is { } existing)
            {
                runtime.ConnectionString.TrySetResult(existing);
                Publish(runtime, s => s with { State = KnownResourceStates.Healthy, IsExternal = true, Target = ConnectionTargets.Describe(runtime.Resource, existing) });
                runtime.Healthy.TrySetResult();
                return;
            }

            if (!runtime.Needed)
            {
                runtime.ConnectionString.TrySetResult(null);
                runtime.Healthy.TrySetException(new DistributedApplicationException($"{runtime.Name} is not started: nothing in the model needs it."));
                return;
            }

            await WaitForDependenciesAsync(runtime, cancellationToken);
            Publish(runtime, s => s with { State = KnownResourceStates.Starting });
            switch (runtime.Resource)
            {
                case PostgresServerResource:
                    await StartPostgresAsync(runtime, cancellationToken);
                    break;
                case PostgresDatabaseResource database:
                    await StartDatabaseAsync(runtime, database, cancellationToken);
                    break;
                case RedisResource:
                    await StartRedisAsync(runtime, cancellationToken);
                    break;
                case KafkaServerResource:
                    StartKafka(runtime);
                    break;
                case ProjectResource project:
                    await StartProjectAsync(runtime, project, cancellationToken);
                    break;
                default:
                    throw new DistributedApplicationException($"The engine cannot run {runtime.Resource.GetType().Name} resources.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            runtime.ConnectionString.TrySetCanceled(cancellationToken);
            runtime.Healthy.TrySetCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            var message = e is DistributedApplicationException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            runtime.ConnectionString.TrySetException(new DistributedApplicationException($"{runtime.Name} has no connection string: {message}"));
            if (runtime.Healthy.TrySetException(new DistributedApplicationException(message))
                && notifications.GetCurrentState(runtime.Name)?.State != KnownResourceStates.Exited)
            {
                Publish(runtime, s => s with { State = KnownResourceStates.FailedToStart, Message = message });
                console.Error($"{runtime.Name} failed to start: {message}");
            }
        }
    }

    private async Task WaitForDependenciesAsync(ResourceRuntime runtime, CancellationToken cancellationToken)
    {
        var dependencies = runtime.Resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource).ToList();
        if (runtime.Resource is IResourceWithParent child)
        {
            dependencies.Insert(0, child.Parent);
        }

        if (dependencies.Count > 0)
        {
            Publish(runtime, s => s with { State = KnownResourceStates.Waiting });
        }

        foreach (var dependency in dependencies.Distinct())
        {
            try
            {
                await Runtime(dependency.Name).Healthy.Task.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DistributedApplicationException($"{dependency.Name}, which {runtime.Name} waits for, is not healthy ({e.Message})");
            }
        }
    }

    private async Task StartPostgresAsync(ResourceRuntime runtime, CancellationToken cancellationToken)
    {
        var server = new PostgresServer(postgresBin!, state, settings.IsTesting, OnLine(runtime.Name, runtime.Name));
        lock (gate)
        {
            postgresServers.Add(server);
        }

        var connectionString = await server.StartAsync(InfrastructureTimeout, cancellationToken);
        Watch(runtime, server.Process!, runtime.Name);
        runtime.ConnectionString.TrySetResult(connectionString);
        Publish(runtime, s => s with
        {
            State = KnownResourceStates.Healthy,
            Target = $"127.0.0.1:{server.Port}",
            ProcessIds = [server.Process!.Id],
        });
        runtime.Healthy.TrySetResult();
    }

    private async Task StartDatabaseAsync(ResourceRuntime runtime, PostgresDatabaseResource database, CancellationToken cancellationToken)
    {
        var serverConnectionString = await Runtime(database.Server.Name).ConnectionString.Task.WaitAsync(cancellationToken)
            ?? throw new DistributedApplicationException($"{database.Server.Name} has no connection string.");
        await PostgresServer.CreateDatabaseAsync(serverConnectionString, database.DatabaseName, cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database.DatabaseName }.ConnectionString;
        runtime.ConnectionString.TrySetResult(connectionString);
        Publish(runtime, s => s with { State = KnownResourceStates.Healthy, Target = ConnectionTargets.Describe(database, connectionString) });
        runtime.Healthy.TrySetResult();
    }

    private async Task StartRedisAsync(ResourceRuntime runtime, CancellationToken cancellationToken)
    {
        var server = new RedisServer(redisExecutable!, state, OnLine(runtime.Name, runtime.Name));
        lock (gate)
        {
            redisServers.Add(server);
        }

        var connectionString = await server.StartAsync(InfrastructureTimeout, cancellationToken);
        Watch(runtime, server.Process!, runtime.Name);
        runtime.ConnectionString.TrySetResult(connectionString);
        Publish(runtime, s => s with { State = KnownResourceStates.Healthy, Target = connectionString, ProcessIds = [server.Process!.Id] });
        runtime.Healthy.TrySetResult();
    }

    /// <summary>The mock cluster the engine started for a Kafka resource.</summary>
    public KafkaMockCluster KafkaCluster(string resourceName)
    {
        lock (gate)
        {
            return kafkaByResource.TryGetValue(resourceName, out var cluster)
                ? cluster
                : throw new ArgumentException($"{resourceName} is not a Kafka mock cluster started by this app.", nameof(resourceName));
        }
    }

    private void StartKafka(ResourceRuntime runtime)
    {
        var cluster = KafkaMockCluster.Start();
        lock (gate)
        {
            kafkaClusters.Add(cluster);
            kafkaByResource[runtime.Name] = cluster;
        }

        foreach (var topic in Topics.All.Concat(ConsumerGroups.All.Select(Topics.DeadLetter)))
        {
            cluster.CreateTopic(topic, TopicPartitions);
        }

        logs.Log(runtime.Name, $"librdkafka mock cluster listening on {cluster.BootstrapServers}", isErrorMessage: false);
        runtime.ConnectionString.TrySetResult(cluster.BootstrapServers);
        Publish(runtime, s => s with { State = KnownResourceStates.Healthy, Target = cluster.BootstrapServers });
        runtime.Healthy.TrySetResult();
    }

    private async Task StartProjectAsync(ResourceRuntime runtime, ProjectResource project, CancellationToken cancellationToken)
    {
        if (!File.Exists(project.Metadata.AssemblyPath))
        {
            throw new DistributedApplicationException(
                $"{project.Metadata.AssemblyPath} does not exist; build the project first (dotnet build {project.Metadata.ProjectPath}).");
        }

        var environment = await EnvironmentAsync(project, cancellationToken);
        var replicas = runtime.Urls.Count;
        for (var i = 0; i < replicas; i++)
        {
            var label = replicas > 1 ? $"{runtime.Name}-{i}" : runtime.Name;
            var replicaEnvironment = new Dictionary<string, string?>(environment, StringComparer.Ordinal) { ["ASPNETCORE_URLS"] = runtime.Urls[i] };
            ChildProcess child;
            lock (runtime.Processes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                child = ChildProcess.Start(
                    DotnetHost.Path,
                    [project.Metadata.AssemblyPath],
                    Path.GetDirectoryName(project.Metadata.ProjectPath)!,
                    replicaEnvironment,
                    OnLine(runtime.Name, label));
                runtime.Processes.Add(child);
            }

            Watch(runtime, child, label);
        }

        Publish(runtime, s => s with { State = KnownResourceStates.Running, ProcessIds = Pids(runtime) });
        await Task.WhenAll(runtime.Urls.Select(url => WaitForHealthAsync(runtime, url, cancellationToken)));
        Publish(runtime, s => s with { State = KnownResourceStates.Healthy });
        runtime.Healthy.TrySetResult();
    }

    private async Task<Dictionary<string, string?>> EnvironmentAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        // The AppHost's own connection strings and settings are not the service's: it gets exactly what the model says.
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(k => k.ToString() ?? ""))
        {
            if (key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("AppHost__", StringComparison.OrdinalIgnoreCase))
            {
                environment[key] = null;
            }
        }

        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["OTEL_SERVICE_NAME"] = project.Name;
        if (settings.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        environment["Authentication__Jwt__SigningKey"] = signingKey;
        environment["Authentication__Jwt__Issuer"] = JwtSettings.DevelopmentIssuer;
        environment["Authentication__Jwt__Audience"] = JwtSettings.DefaultAudience;

        foreach (var reference in project.Annotations.OfType<ResourceReferenceAnnotation>())
        {
            var target = Runtime(reference.Resource.Name);
            switch (reference.Resource)
            {
                case IResourceWithConnectionString:
                    environment[$"ConnectionStrings__{target.Name}"] = await target.ConnectionString.Task.WaitAsync(cancellationToken)
                        ?? throw new DistributedApplicationException($"{target.Name} has no connection string.");
                    break;
                case ProjectResource:
                    // Service discovery gets the first replica's URL: replicas are not load-balanced across yet.
                    environment[$"services__{target.Name}__http__0"] = target.Urls[0];
                    break;
            }
        }

        foreach (var variable in project.Annotations.OfType<EnvironmentAnnotation>())
        {
            environment[variable.Name] = variable.Value;
        }

        return environment;
    }

    private async Task WaitForHealthAsync(ResourceRuntime runtime, string url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.HealthTimeout);
        var last = "no answer";
        while (!deadline.IsCancellationRequested)
        {
            if (runtime.Healthy.Task.IsFaulted)
            {
                await runtime.Healthy.Task;
            }

            try
            {
                using var response = await http.GetAsync($"{url}/health", deadline.Token);
                if ((int)response.StatusCode == 200)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }

            await Task.WhenAny(Task.Delay(500, CancellationToken.None), runtime.Healthy.Task);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new DistributedApplicationException(
            $"{runtime.Name} did not answer GET {url}/health with 200 within {settings.HealthTimeout.TotalSeconds:0} s (last: {last}).");
    }

    private void Watch(ResourceRuntime runtime, ChildProcess child, string label) =>
        _ = child.Exited.ContinueWith(t => OnExitedAsync(runtime, label, t.Result), TaskScheduler.Default).Unwrap();

    private async Task OnExitedAsync(ResourceRuntime runtime, string label, int exitCode)
    {
        if (isStopping)
        {
            return;
        }

        // Ctrl+C in a terminal reaches the children too, a moment before the engine's own handler runs.
        await Task.Delay(500);
        if (isStopping)
        {
            return;
        }

        var message = $"{label} exited with code {exitCode}";
        var tail = logs.GetLogs(runtime.Name, 20);
        console.Error($"{message}. Last {tail.Count} lines:{Environment.NewLine}{string.Join(Environment.NewLine, tail.Select(l => "    " + l.Content))}");
        Publish(runtime, s => s with { State = KnownResourceStates.Exited, ExitCode = exitCode, Message = message });
        runtime.ConnectionString.TrySetException(new DistributedApplicationException(message));
        runtime.Healthy.TrySetException(new DistributedApplicationException(message));
    }

    private Action<string, bool> OnLine(string resourceName, string prefix) => (line, isError) =>
    {
        logs.Log(resourceName, line, isError);
        console.Line(prefix, line);
    };

    private void Publish(ResourceRuntime runtime, Func<ResourceSnapshot, ResourceSnapshot> update) =>
        notifications.PublishUpdate(runtime.Resource, update);

    private static List<int> Pids(ResourceRuntime runtime)
    {
        lock (runtime.Processes)
        {
            return runtime.Processes.Select(p => p.Id).ToList();
        }
    }

    private async Task StopCoreAsync()
    {
        isStopping = true;
        await stopping.CancelAsync();
        try
        {
            await Task.WhenAll(runtimes.Values.Select(r => r.StartTask)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception)
        {
            // Start failures were already reported; only the processes matter now.
        }

        // Projects first: they hold connections to the servers.
        var projects = runtimes.Values.Where(r => r.Resource is ProjectResource).ToList();
        await Task.WhenAll(projects.SelectMany(r => r.Processes).Select(p => Quietly(p.StopAsync(Posix.SigTerm, settings.StopGracePeriod))));
        MarkStopped(projects);

        List<RedisServer> redis;
        List<PostgresServer> postgres;
        List<KafkaMockCluster> kafka;
        lock (gate)
        {
            (redis, postgres, kafka) = (redisServers.ToList(), postgresServers.ToList(), kafkaClusters.ToList());
        }

        await Task.WhenAll(redis.Select(r => Quietly(r.StopAsync())));
        await Task.WhenAll(postgres.Select(p => Quietly(p.StopAsync())));
        foreach (var cluster in kafka)
        {
            cluster.Dispose();
        }

        MarkStopped(runtimes.Values.Where(r => r.Resource is not ProjectResource));
        http.Dispose();
    }

    /// <summary>One resource failing to stop must not keep the others running.</summary>
    private static async Task Quietly(Task stop)
    {
        try
        {
            await stop;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private void MarkStopped(IEnumerable<ResourceRuntime> stopped)
    {
        foreach (var runtime in stopped)
        {
            var current = notifications.GetCurrentState(runtime.Name);
            if (current is not null && !KnownResourceStates.IsTerminal(current.State) && current.State != KnownResourceStates.NotStarted && !current.IsExternal)
            {
                Publish(runtime, s => s with { State = KnownResourceStates.Exited, Message = "stopped" });
            }
        }
    }
}
