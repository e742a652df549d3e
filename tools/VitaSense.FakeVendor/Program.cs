using VitaSense.FakeVendor;

// A vendor cloud for a local run: the AppHost starts it with --AppHost:FakeVendor=true and points the devices service's
// Oura integration at it, so connecting, importing and syncing can be tried without an Oura account.
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();

app.MapPost("/oauth/token", OuraApi.TokenAsync);
var api = app.MapGroup("/v2/usercollection").AddEndpointFilter(OuraApi.RequireBearerAsync);
api.MapGet("/personal_info", OuraApi.PersonalInfo);
api.MapGet("/ring_configuration", OuraApi.RingConfiguration);
api.MapGet("/heartrate", OuraApi.HeartRate);
api.MapGet("/daily_sleep", OuraApi.DailySleep);
api.MapGet("/sleep", OuraApi.Sleep);
app.MapGet("/health", () => "ok");

app.Run();
