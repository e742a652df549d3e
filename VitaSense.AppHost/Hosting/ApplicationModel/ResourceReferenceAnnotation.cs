namespace VitaSense.Hosting;

/// <summary>The annotated resource is told how to reach <paramref name="Resource"/> (connection string or service URL).</summary>
public sealed record ResourceReferenceAnnotation(IResource Resource) : IResourceAnnotation;
