using Microsoft.Extensions.Configuration;
using VitaSense.Hosting.Commands;

namespace VitaSense.Hosting;

/// <summary>The engine's app-model builder, created by <see cref="DistributedApplication.CreateBuilder(string[])"/>.</summary>
public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly Action<DistributedApplicationBuilder>? onBuild;

    internal DistributedApplicationBuilder(string[] args, bool isTesting, Action<DistributedApplicationBuilder>? onBuild)
    {
        this.onBuild = onBuild;
        var command = !isTesting && args.Length > 0 && CommandLine.IsCommand(args[0]) ? args[0] : null;
        CommandArguments = command is null ? [] : args[1..];
        ExecutionContext = new DistributedApplicationExecutionContext(isTesting, command);

        Configuration = new ConfigurationManager();
        Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        Configuration.AddEnvironmentVariables();
        // A sub-command's own options (--user, --hours) are not configuration; section keys given to it are
        // (--AppHost:StateDirectory=... must find the same state folder, and signing key, as the run it mints for).
        Configuration.AddCommandLine(command is null ? args : [.. CommandArguments.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':') && a.Contains('='))]);
    }

    /// <inheritdoc />
    public ConfigurationManager Configuration { get; }

    /// <inheritdoc />
    public IResourceCollection Resources { get; } = new ResourceCollection();

    /// <inheritdoc />
    public DistributedApplicationExecutionContext ExecutionContext { get; }

    internal string[] CommandArguments { get; }

    /// <inheritdoc />
    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        Resources.Add(resource);
        return CreateResourceBuilder(resource);
    }

    /// <inheritdoc />
    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => new ResourceBuilder<T>(resource, this);

    /// <inheritdoc />
    public DistributedApplication Build()
    {
        // The testing entry point takes the model here and unwinds Program.cs before Run().
        onBuild?.Invoke(this);
        return new DistributedApplication(this);
    }
}
