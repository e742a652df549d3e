namespace VitaSense.Hosting;

/// <summary>A resource's new snapshot.</summary>
/// <param name="Resource">The resource that changed.</param>
/// <param name="Snapshot">Its state after the change.</param>
public sealed record ResourceEvent(IResource Resource, ResourceSnapshot Snapshot);
