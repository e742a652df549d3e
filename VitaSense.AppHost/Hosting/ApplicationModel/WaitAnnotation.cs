namespace VitaSense.Hosting;

/// <summary>The annotated resource starts only once <paramref name="Resource"/> is healthy.</summary>
public sealed record WaitAnnotation(IResource Resource) : IResourceAnnotation;
