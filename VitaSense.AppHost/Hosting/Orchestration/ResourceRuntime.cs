namespace VitaSense.Hosting;

/// <summary>What the engine knows about one resource while it runs: its connection string, URLs, processes and health.</summary>
internal sealed class ResourceRuntime(IResource resource)
{
    public IResource Resource { get; } = resource;

    public string Name => Resource.Name;

    /// <summary>Resolved once the resource can be reached (null when it will not be started).</summary>
    public TaskCompletionSource<string?> ConnectionString { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when healthy; faults when the resource exits or fails to start.</summary>
    public TaskCompletionSource Healthy { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A project's replica URLs, allocated before anything starts.</summary>
    public List<string> Urls { get; } = [];

    /// <summary>Processes started for this resource, guarded by itself.</summary>
    public List<ChildProcess> Processes { get; } = [];

    /// <summary>The configured existing server, when the engine does not start one.</summary>
    public string? ExternalConnectionString { get; set; }

    /// <summary>False for a server nothing needs (all its databases are existing ones).</summary>
    public bool Needed { get; set; } = true;

    public Task StartTask { get; set; } = Task.CompletedTask;
}
