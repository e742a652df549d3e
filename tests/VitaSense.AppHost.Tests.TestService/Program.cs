// TEST_SERVICE_MODE=crash: write some output, then exit with code 3 before serving anything.
if (Environment.GetEnvironmentVariable("TEST_SERVICE_MODE") == "crash")
{
    for (var i = 1; i <= 30; i++)
    {
        Console.WriteLine($"starting step {i}");
    }

    Console.Error.WriteLine("fatal: this service was told to crash");
    return 3;
}

var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/health", () => "Healthy");
app.MapGet("/env/{name}", (string name) => Environment.GetEnvironmentVariable(name) ?? "");
app.MapGet("/pid", () => Environment.ProcessId);
app.Run();
return 0;
