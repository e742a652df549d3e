namespace VitaSense.Hosting;

/// <summary>How many processes of the annotated project run.</summary>
public sealed record ReplicaAnnotation(int Replicas) : IResourceAnnotation;
