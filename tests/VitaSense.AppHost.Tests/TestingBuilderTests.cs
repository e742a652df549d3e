using VitaSense.Hosting;
using VitaSense.Hosting.Testing;

namespace VitaSense.AppHost.Tests;

/// <summary>The testing entry point gets the model Program.cs builds, and KeepOnly trims it consistently.</summary>
public sealed class TestingBuilderTests
{
    [Fact]
    public async Task CreateAsync_captures_the_model_of_Program_cs()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(cts.Token);

        Assert.Equal(["postgres", "vitasense", "cache", "messaging", "ingestion", "agents", "devices", "tracking", "gateway"], builder.Resources.Select(r => r.Name));
        var gateway = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway");
        Assert.Equal(["ingestion", "agents", "devices", "tracking"], gateway.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        Assert.Equal(["ingestion", "agents", "devices", "tracking"], gateway.Annotations.OfType<ResourceReferenceAnnotation>().Select(w => w.Resource.Name));
        var endpoint = gateway.Annotations.OfType<EndpointAnnotation>().Single();
        Assert.True(endpoint.IsExternal);
        Assert.Equal(5080, endpoint.Port);
        var agents = builder.Resources.Single(r => r.Name == "agents");
        Assert.Equal(["vitasense", "messaging"], agents.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
    }

    [Fact]
    public async Task Gateway_port_comes_from_configuration()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(["--AppHost:GatewayPort=5099"], cts.Token);

        var gateway = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway");
        Assert.Equal(5099, gateway.Annotations.OfType<EndpointAnnotation>().Single().Port);
    }

    [Fact]
    public async Task The_fake_vendor_is_opt_in_and_the_devices_services_oura_integration_points_at_it()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        await using (var plain = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(cts.Token))
        {
            Assert.DoesNotContain(plain.Resources, r => r.Name == "fake-vendor");
        }

        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(
            ["--AppHost:FakeVendor=true", "--AppHost:FakeVendorPort=5191"], cts.Token);
        var fakeVendor = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "fake-vendor");
        Assert.Equal(5191, fakeVendor.Annotations.OfType<EndpointAnnotation>().Single().Port);
        var devices = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "devices");
        Assert.Contains("fake-vendor", devices.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        var environment = devices.Annotations.OfType<EnvironmentAnnotation>().ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("http://localhost:5191", environment["Integrations__oura__BaseUrl"]);
        Assert.Equal("http://localhost:5191/oauth/token", environment["Integrations__oura__TokenUrl"]);
    }

    [Fact]
    public async Task KeepOnly_drops_resources_and_every_edge_to_them()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        await using var builder = await TestModels.AppHostAsync(cts.Token, "gateway", "ingestion", "vitasense");

        // The database keeps the server it lives on.
        Assert.Equal(["postgres", "vitasense", "ingestion", "gateway"], builder.Resources.Select(r => r.Name));
        var edges = builder.Resources
            .SelectMany(r => r.Annotations.Select(a => a switch
            {
                WaitAnnotation w => w.Resource.Name,
                ResourceReferenceAnnotation f => f.Resource.Name,
                _ => null,
            }))
            .OfType<string>()
            .ToHashSet();
        Assert.Equal(["vitasense", "ingestion"], edges.Order().Reverse());
    }

    [Fact]
    public async Task Resource_names_must_be_kebab_case()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        await using var builder = await TestModels.AppHostAsync(cts.Token, "cache");

        Assert.Throws<ArgumentException>(() => builder.Builder.AddRedis("Cache_2"));
        Assert.Throws<ArgumentException>(() => builder.Builder.AddRedis("cache-"));
        Assert.Throws<InvalidOperationException>(() => builder.Builder.AddRedis("cache"));
        Assert.Equal("second-cache", builder.Builder.AddRedis("second-cache").Resource.Name);
    }
}
