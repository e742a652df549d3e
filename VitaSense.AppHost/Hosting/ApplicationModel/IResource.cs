namespace VitaSense.Hosting;

/// <summary>A named part of the app model: a server, a database, a project.</summary>
public interface IResource
{
    /// <summary>The resource's unique, kebab-case name.</summary>
    string Name { get; }

    /// <summary>What the app model says about the resource (references, waits, endpoints, environment).</summary>
    ResourceAnnotationCollection Annotations { get; }
}
