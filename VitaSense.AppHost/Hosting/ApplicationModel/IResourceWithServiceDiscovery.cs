namespace VitaSense.Hosting;

/// <summary>A resource others find by name through service discovery (<c>services__{name}__http__0</c>).</summary>
public interface IResourceWithServiceDiscovery : IResource;
