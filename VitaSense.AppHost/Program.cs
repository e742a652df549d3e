var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var database = postgres.AddDatabase("vitasense");
var cache = builder.AddRedis("cache");
var messaging = builder.AddKafka("messaging");

var ingestion = builder.AddProject<Projects.VitaSense_Ingestion>("ingestion")
    .WithReference(database).WithReference(cache).WithReference(messaging)
    .WaitFor(database).WaitFor(cache).WaitFor(messaging);

var agents = builder.AddProject<Projects.VitaSense_Agents>("agents")
    .WithReference(database).WithReference(cache).WithReference(messaging)
    .WaitFor(database).WaitFor(messaging);

var devices = builder.AddProject<Projects.VitaSense_Devices>("devices")
    .WithReference(database).WithReference(cache).WithReference(messaging).WithReference(ingestion)
    .WaitFor(database).WaitFor(cache).WaitFor(messaging);

// Opt-in (--AppHost:FakeVendor=true): a stand-in Oura cloud, so connecting, importing and syncing a vendor device can be
// tried locally; the devices service's Oura integration points at it.
if (builder.Configuration.GetValue("AppHost:FakeVendor", false))
{
    var fakeVendorUrl = $"http://localhost:{builder.Configuration.GetValue("AppHost:FakeVendorPort", 5091)}";
    var fakeVendor = builder.AddProject<Projects.VitaSense_FakeVendor>("fake-vendor")
        .WithHttpEndpoint(port: builder.Configuration.GetValue("AppHost:FakeVendorPort", 5091));
    devices.WaitFor(fakeVendor)
        .WithEnvironment("Integrations__oura__BaseUrl", fakeVendorUrl)
        .WithEnvironment("Integrations__oura__TokenUrl", $"{fakeVendorUrl}/oauth/token")
        .WithEnvironment("Integrations__oura__AuthorizeUrl", $"{fakeVendorUrl}/oauth/authorize")
        .WithEnvironment("Integrations__oura__ClientId", "vitasense-local")
        .WithEnvironment("Integrations__oura__ClientSecret", "not-a-secret");
}

var tracking = builder.AddProject<Projects.VitaSense_Tracking>("tracking")
    .WithReference(database).WithReference(cache).WithReference(messaging)
    .WaitFor(database).WaitFor(messaging);

builder.AddProject<Projects.VitaSense_Gateway>("gateway")
    .WithReference(ingestion).WithReference(agents).WithReference(devices).WithReference(tracking)
    .WaitFor(ingestion).WaitFor(agents).WaitFor(devices).WaitFor(tracking)
    .WithHttpEndpoint(port: builder.Configuration.GetValue("AppHost:GatewayPort", 5080))
    .WithExternalHttpEndpoints();

builder.Build().Run();
