using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Configuration;

namespace VitaSense.Hosting.Testing;

/// <summary>
/// Runs the AppHost's own Program.cs to get its app model, lets a test adjust it, and builds it in testing mode:
/// a fresh temporary state folder, free ports only, a signing key per app (as Aspire's <c>DistributedApplicationTestingBuilder</c>).
/// </summary>
public sealed class DistributedApplicationTestingBuilder : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder builder;
    private DistributedApplication? application;

    private DistributedApplicationTestingBuilder(DistributedApplicationBuilder builder) => this.builder = builder;

    /// <summary>The AppHost's configuration; set keys here before <see cref="BuildAsync"/> (e.g. <c>ConnectionStrings:cache</c>).</summary>
    public ConfigurationManager Configuration => builder.Configuration;

    /// <summary>The model's resources; remove some to run part of the app.</summary>
    public IResourceCollection Resources => builder.Resources;

    /// <summary>The underlying builder, to add resources or annotations in a test.</summary>
    public IDistributedApplicationBuilder Builder => builder;

    /// <summary>Runs the entry point of <typeparamref name="TEntryPoint"/>'s assembly and captures its app model.</summary>
    public static Task<DistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new() =>
        CreateAsync<TEntryPoint>([], cancellationToken);

    /// <summary>Runs the entry point of <typeparamref name="TEntryPoint"/>'s assembly with <paramref name="args"/> and captures its app model.</summary>
    public static async Task<DistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
    {
        var metadata = new TEntryPoint();
        var assemblyName = Path.GetFileNameWithoutExtension(metadata.AssemblyPath);
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName)
            ?? Assembly.LoadFrom(metadata.AssemblyPath);
        var entryPoint = assembly.EntryPoint ?? throw new InvalidOperationException($"{assemblyName} has no entry point.");

        var hook = new TestingHook(args);
        await Task.Run(async () =>
        {
            TestingHook.Activate(hook);
            try
            {
                var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
                if (result is Task task)
                {
                    await task;
                }
            }
            catch (Exception e) when (Unwrap(e) is ModelCapturedException)
            {
                return;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }, cancellationToken);

        return new DistributedApplicationTestingBuilder(hook.Builder
            ?? throw new InvalidOperationException($"{assemblyName}'s entry point returned without calling Build() on its builder."));
    }

    /// <summary>
    /// Keeps only the named resources (and the servers their databases live on), dropping every wait and
    /// reference that pointed at a removed resource.
    /// </summary>
    public DistributedApplicationTestingBuilder KeepOnly(params string[] names)
    {
        var keep = names.ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var resource = Resources.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"There is no resource named '{name}' in the app model.", nameof(names));
            if (resource is IResourceWithParent child)
            {
                keep.Add(child.Parent.Name);
            }
        }

        foreach (var removed in Resources.Where(r => !keep.Contains(r.Name)).ToList())
        {
            Resources.Remove(removed);
        }

        foreach (var resource in Resources)
        {
            foreach (var edge in resource.Annotations.Where(a => a switch
                     {
                         WaitAnnotation w => !keep.Contains(w.Resource.Name),
                         ResourceReferenceAnnotation r => !keep.Contains(r.Resource.Name),
                         _ => false,
                     }).ToList())
            {
                resource.Annotations.Remove(edge);
            }
        }

        return this;
    }

    /// <summary>Builds the application (not started yet).</summary>
    public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (application is not null)
        {
            throw new InvalidOperationException("The application was already built.");
        }

        application = new DistributedApplication(builder);
        return Task.FromResult(application);
    }

    /// <summary>Stops and disposes the application built from this builder, if any.</summary>
    public async ValueTask DisposeAsync()
    {
        if (application is not null)
        {
            await application.DisposeAsync();
        }
    }

    private static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : e;
}
