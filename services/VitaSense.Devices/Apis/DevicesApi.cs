namespace VitaSense.Devices.Apis;

/// <summary>The device registry: <c>/api/v1/devices</c>.</summary>
public static class DevicesApi
{
    /// <summary>Maps the registry's endpoints.</summary>
    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app) => app;
}
