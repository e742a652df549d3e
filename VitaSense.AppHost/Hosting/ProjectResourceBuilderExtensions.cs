namespace VitaSense.Hosting;

/// <summary>Adds .NET projects to the app model.</summary>
public static class ProjectResourceBuilderExtensions
{
    /// <summary>A project of the solution, started as <c>dotnet &lt;assembly&gt;</c> with an HTTP endpoint on a free port.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()))
            .WithAnnotation(new EndpointAnnotation());

    /// <summary>Runs <paramref name="replicas"/> processes of the project, each on its own port.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        foreach (var existing in builder.Resource.Annotations.OfType<ReplicaAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(existing);
        }

        return builder.WithAnnotation(new ReplicaAnnotation(replicas));
    }

    /// <summary>Gives the project's HTTP endpoint a fixed port (tests still get a free one).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null)
    {
        Endpoint(builder.Resource).Port = port;
        return builder;
    }

    /// <summary>Marks the project's endpoint as the one outside clients call.</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        Endpoint(builder.Resource).IsExternal = true;
        return builder;
    }

    internal static EndpointAnnotation Endpoint(ProjectResource project) =>
        project.Annotations.OfType<EndpointAnnotation>().FirstOrDefault()
        ?? throw new InvalidOperationException($"{project} has no HTTP endpoint.");

    internal static int Replicas(ProjectResource project) =>
        project.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
}
