namespace VitaSense.Hosting;

/// <summary>A .NET project of the solution, started from its build output as one or more child processes.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata)
    : Resource(name), IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithServiceDiscovery
{
    /// <summary>Where the project and its built assembly are.</summary>
    public IProjectMetadata Metadata { get; } = metadata;

    /// <inheritdoc />
    public override string TypeName => "Project";
}
