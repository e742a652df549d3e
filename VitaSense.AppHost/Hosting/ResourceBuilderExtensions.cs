namespace VitaSense.Hosting;

/// <summary>References, waits and settings between resources.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Hands the resource's connection string over as <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ResourceReferenceAnnotation(source.Resource));

    /// <summary>Hands the project's URL over as <c>services__{name}__http__0</c>, for service discovery.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ResourceReferenceAnnotation(source.Resource));

    /// <summary>Starts the resource only after <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource));

    /// <summary>Sets an environment variable on the resource's processes.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentAnnotation(name, value));
}
