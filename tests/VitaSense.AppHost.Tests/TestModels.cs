using VitaSense.Hosting;
using VitaSense.Hosting.Testing;

namespace VitaSense.AppHost.Tests;

/// <summary>Parts of the real app model, plus the test service, for engine tests.</summary>
internal static class TestModels
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The AppHost's model reduced to <paramref name="keep"/>.</summary>
    public static async Task<DistributedApplicationTestingBuilder> AppHostAsync(CancellationToken cancellationToken, params string[] keep)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(cancellationToken);
        builder.KeepOnly(keep);
        return builder;
    }

    public static IResourceBuilder<T> Resource<T>(this DistributedApplicationTestingBuilder builder, string name) where T : IResource =>
        builder.Builder.CreateResourceBuilder((T)builder.Resources.Single(r => r.Name == name));

    public static IResourceBuilder<ProjectResource> AddTestService(this DistributedApplicationTestingBuilder builder, string name) =>
        builder.Builder.AddProject<Projects.VitaSense_AppHost_Tests_TestService>(name);

    public static async Task<string> GetEnvironmentAsync(this HttpClient client, string variable, CancellationToken cancellationToken) =>
        await client.GetStringAsync($"/env/{variable}", cancellationToken);
}
