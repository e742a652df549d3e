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

var tracking = builder.AddProject<Projects.VitaSense_Tracking>("tracking")
    .WithReference(database).WithReference(cache).WithReference(messaging)
    .WaitFor(database).WaitFor(messaging);

builder.AddProject<Projects.VitaSense_Gateway>("gateway")
    .WithReference(ingestion).WithReference(agents).WithReference(devices).WithReference(tracking)
    .WaitFor(ingestion).WaitFor(agents).WaitFor(devices).WaitFor(tracking)
    .WithHttpEndpoint(port: builder.Configuration.GetValue("AppHost:GatewayPort", 5080))
    .WithExternalHttpEndpoints();

builder.Build().Run();
