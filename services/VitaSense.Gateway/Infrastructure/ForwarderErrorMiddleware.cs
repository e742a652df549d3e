using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace VitaSense.Gateway.Infrastructure;

/// <summary>
/// Turns a failed forward into a ProblemDetails response (YARP itself sets only a bare status code), choosing the
/// status a client can act on: 502 when the service did not answer, 503 when it has no endpoint, 504 on timeout,
/// 413 when the body outgrew its limit while streaming.
/// </summary>
public sealed class ForwarderErrorMiddleware(RequestDelegate next, ILogger<ForwarderErrorMiddleware> logger)
{
    /// <summary>Forwards, then reports a forwarding error if there was one and the response has not started.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problemDetails)
    {
        await next(context);

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        var cluster = context.GetReverseProxyFeature().Cluster?.Config.ClusterId ?? "unknown";
        var (status, title, detail) = Describe(error.Error, error.Exception, cluster);
        if (status is null)
        {
            return;
        }

        logger.LogWarning(error.Exception, "Forwarding {Method} {Path} to {Cluster} failed: {Error}",
            context.Request.Method, context.Request.Path, cluster, error.Error);
        context.Response.StatusCode = status.Value;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static (int? Status, string? Title, string? Detail) Describe(ForwarderError error, Exception? exception, string cluster)
    {
        if (IsBodyTooLarge(exception))
        {
            return (StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body exceeds this endpoint's limit.");
        }

        return error switch
        {
            // The client went away: nobody is left to read an answer.
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
                or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled => (null, null, null),
            ForwarderError.RequestBodyClient => (StatusCodes.Status400BadRequest, "Bad request", "The request body could not be read."),
            ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                $"The '{cluster}' service has no available endpoint."),
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Gateway timeout",
                $"The '{cluster}' service did not answer in time."),
            _ => (StatusCodes.Status502BadGateway, "Bad gateway", $"The '{cluster}' service could not be reached."),
        };
    }

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }
        return false;
    }
}
