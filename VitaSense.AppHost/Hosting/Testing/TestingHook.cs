namespace VitaSense.Hosting.Testing;

/// <summary>
/// Active while the testing entry point runs the AppHost's Program.cs: CreateBuilder hands out a testing builder,
/// and Build() captures it and unwinds Program.cs before Run(), so the test gets the real app model.
/// </summary>
internal sealed class TestingHook(string[] args)
{
    private static readonly AsyncLocal<TestingHook?> Active = new();

    public static TestingHook? Current => Active.Value;

    public DistributedApplicationBuilder? Builder { get; private set; }

    public static void Activate(TestingHook hook) => Active.Value = hook;

    public DistributedApplicationBuilder CreateBuilder() => new(args, isTesting: true, onBuild: Capture);

    private void Capture(DistributedApplicationBuilder builder)
    {
        Builder = builder;
        throw new ModelCapturedException();
    }
}
