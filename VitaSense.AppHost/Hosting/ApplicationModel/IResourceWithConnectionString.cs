namespace VitaSense.Hosting;

/// <summary>A resource that others reach through a connection string, handed over as <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString : IResource;
