using System.Text.RegularExpressions;

namespace VitaSense.Hosting;

/// <summary>Base of every resource: a validated kebab-case name and its annotations.</summary>
public abstract partial class Resource : IResource
{
    /// <summary>Creates a resource, refusing names that would not survive as host names and environment keys.</summary>
    protected Resource(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"Resource name '{name}' must be kebab-case: lowercase letters, digits and single dashes, starting with a letter.", nameof(name));
        }

        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ResourceAnnotationCollection Annotations { get; } = [];

    /// <summary>How the resource is shown in the console table and the dashboard.</summary>
    public abstract string TypeName { get; }

    /// <inheritdoc />
    public override string ToString() => $"{TypeName} '{Name}'";

    [GeneratedRegex("^[a-z](?:-?[a-z0-9])*$")]
    private static partial Regex ValidName();
}
