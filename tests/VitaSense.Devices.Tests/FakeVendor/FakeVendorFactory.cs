using VitaSense.Devices.Tests.Integrations;

namespace VitaSense.Devices.Tests.FakeVendor;

/// <summary>
/// The devices service with its Oura integration pointed at <c>tools/VitaSense.FakeVendor</c> (a child process on a
/// free port) with the settings the AppHost gives it under <c>--AppHost:FakeVendor=true</c>, and every other vendor
/// left as appsettings.json has it (unavailable). Synced readings go to a <see cref="FakeIngestion"/>. The scheduler
/// does not claim devices: the tests start syncs themselves.
/// </summary>
public sealed class FakeVendorFactory : DevicesFactory
{
    public FakeVendorFactory()
    {
        Vendor = ServiceProcess.FakeVendor();
        Ingestion = FakeIngestion.Start();
    }

    /// <summary>The fake vendor process.</summary>
    public ServiceProcess Vendor { get; }

    public FakeIngestion Ingestion { get; }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        // VitaSense.AppHost/Program.cs sets these as Integrations__oura__* on the devices resource, from the fake vendor's
        // URL without a trailing slash.
        var url = Vendor.BaseUrl.GetLeftPart(UriPartial.Authority);
        settings["Integrations:oura:BaseUrl"] = url;
        settings["Integrations:oura:TokenUrl"] = $"{url}/oauth/token";
        settings["Integrations:oura:AuthorizeUrl"] = $"{url}/oauth/authorize";
        settings["Integrations:oura:ClientId"] = "vitasense-local";
        settings["Integrations:oura:ClientSecret"] = "not-a-secret";
        settings["services:ingestion:http:0"] = Ingestion.BaseUrl.ToString();
        settings["Integrations:SchedulerEnabled"] = "false";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Vendor.DisposeAsync();
        await Ingestion.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
