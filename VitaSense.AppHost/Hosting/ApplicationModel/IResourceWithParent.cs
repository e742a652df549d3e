namespace VitaSense.Hosting;

/// <summary>A resource that lives inside another one (a database inside its server).</summary>
public interface IResourceWithParent : IResource
{
    /// <summary>The resource this one lives in; it starts first.</summary>
    IResource Parent { get; }
}
