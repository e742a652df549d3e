namespace VitaSense.Hosting;

/// <summary>The resources of the app model, in the order they were added.</summary>
public interface IResourceCollection : IList<IResource>;
