using System.Collections.ObjectModel;

namespace VitaSense.Hosting;

/// <summary>The annotations of one resource.</summary>
public sealed class ResourceAnnotationCollection : Collection<IResourceAnnotation>;
