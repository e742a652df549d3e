namespace VitaSense.Hosting;

/// <summary>What is known about a resource at one moment; every change publishes a new snapshot.</summary>
/// <param name="Name">Resource name.</param>
/// <param name="Type">Resource type as shown to people.</param>
/// <param name="State">One of <see cref="KnownResourceStates"/>.</param>
public sealed record ResourceSnapshot(string Name, string Type, string State)
{
    /// <summary>Exit code of the process that ended, when <see cref="State"/> is Exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>HTTP URLs of a project's replicas (the first is the one handed to others).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Where an infrastructure resource listens (host:port), never a secret.</summary>
    public string? Target { get; init; }

    /// <summary>True when the resource is an existing server from configuration, not started by the engine.</summary>
    public bool IsExternal { get; init; }

    /// <summary>Process ids the engine started for this resource.</summary>
    public IReadOnlyList<int> ProcessIds { get; init; } = [];

    /// <summary>Why the resource failed or exited, for people.</summary>
    public string? Message { get; init; }

    /// <summary>When the state last changed.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
}
