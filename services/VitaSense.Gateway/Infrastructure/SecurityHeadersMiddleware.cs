namespace VitaSense.Gateway.Infrastructure;

/// <summary>
/// Adds the platform's security headers to every response, proxied or not. They are set just before the headers
/// go out, so they replace whatever a downstream service sent: the gateway, not each service, owns this policy.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>HSTS for a year, subdomains included; sent only over HTTPS, as RFC 6797 requires.</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>Runs the rest of the pipeline with the headers registered.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var httpContext = (HttpContext)state;
            var headers = httpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (httpContext.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
