namespace VitaSense.Hosting;

/// <summary>An environment variable set on the annotated resource's processes, after everything the engine sets.</summary>
public sealed record EnvironmentAnnotation(string Name, string Value) : IResourceAnnotation;
