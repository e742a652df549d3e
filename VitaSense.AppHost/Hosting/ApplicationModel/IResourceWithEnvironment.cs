namespace VitaSense.Hosting;

/// <summary>A resource that receives environment variables (references, settings).</summary>
public interface IResourceWithEnvironment : IResource;
