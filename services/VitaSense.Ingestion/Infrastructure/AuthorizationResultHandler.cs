using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// Shapes authorization failures: a 401 on <c>/status</c> answers the specification's <c>{"detail": "Invalid API key"}</c>
/// (the JWT handler alone would send an empty body), and a 403 anywhere is ProblemDetails.
/// </summary>
public sealed class AuthorizationResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    /// <inheritdoc />
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && context.GetEndpoint()?.Metadata.GetMetadata<InvalidApiKeyChallengeMetadata>() is not null)
        {
            await ApiKeyDefaults.WriteInvalidKeyAsync(context.Response, "ApiKey, Bearer");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = "The caller may not use this endpoint." },
            });
            return;
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
