using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace VitaSense.Gateway.Infrastructure;

/// <summary>
/// Refuses a proxied request whose declared Content-Length exceeds its route's limit (or the server's) with 413
/// before anything is sent downstream. Chunked bodies without a length are cut off while streaming instead,
/// and <see cref="ForwarderErrorMiddleware"/> turns that into the same 413.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>Checks the declared length, then forwards.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problemDetails)
    {
        var routeLimit = context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize;
        var limit = routeLimit switch
        {
            > 0 => routeLimit,
            -1 => null,
            _ => context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize,
        };

        if (limit is { } max && context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"This endpoint accepts request bodies of at most {max} bytes.",
                },
            });
            return;
        }

        await next(context);
    }
}
