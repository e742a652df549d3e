namespace VitaSense.Hosting;

/// <summary>Where a project of the app model lives and where its build output is (generated per project, as in Aspire).</summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the project file.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the project's built assembly, which the engine starts.</summary>
    string AssemblyPath { get; }
}
