namespace VitaSense.Devices.Apis;

/// <summary>Vendor integrations: <c>/api/v1/integrations</c>.</summary>
public static class IntegrationsApi
{
    /// <summary>Maps the integrations' endpoints.</summary>
    public static IEndpointRouteBuilder MapIntegrationsApi(this IEndpointRouteBuilder app) => app;
}
