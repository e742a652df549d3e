using Microsoft.Extensions.Configuration;

namespace VitaSense.Hosting;

/// <summary>Builds the app model (as Aspire's <c>IDistributedApplicationBuilder</c>).</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>The AppHost's configuration: command line, environment, appsettings.json.</summary>
    ConfigurationManager Configuration { get; }

    /// <summary>The resources added so far.</summary>
    IResourceCollection Resources { get; }

    /// <summary>Whether this is a local run, a test, or a sub-command.</summary>
    DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>Adds a resource and returns its builder.</summary>
    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>A builder for a resource already in the model.</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource;

    /// <summary>Freezes the model into a runnable application.</summary>
    DistributedApplication Build();
}
