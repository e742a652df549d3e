using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VitaSense.TestSupport;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>
/// A vendor cloud on a free local port (real Kestrel, real HTTP): an OAuth 2.0 token endpoint at
/// <c>/oauth/token</c> (code <c>good-code</c> is accepted; refresh tokens rotate), bearer checks on every other
/// route, routes answering payloads the tests write from the vendor's documentation, and one-shot failures
/// injected per path prefix (429 with Retry-After, 5xx, malformed bodies). Every request is recorded.
/// </summary>
public sealed class FakeVendorServer : IAsyncDisposable
{
    public const string GoodCode = "good-code";
    public const string TokenPath = "/oauth/token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, object?>> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Prefix, int Status, string? Body, IReadOnlyDictionary<string, string>? Headers)> injected = new();
    private readonly ConcurrentDictionary<string, bool> validAccessTokens = new();
    private readonly ConcurrentDictionary<string, bool> validRefreshTokens = new();
    private int issued;

    private FakeVendorServer(string name)
    {
        Name = name;
        app = LocalServer.CreateBuilder().Build();
        app.Map("/{**path}", HandleAsync);
    }

    public string Name { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How long every data call takes (slow vendors make syncs overlap).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Seconds of life of issued access tokens.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>Withings answers errors as HTTP 200 with a status in the body, and wraps token answers in {status, body}.</summary>
    public bool WithingsStyle { get; set; }

    /// <summary>Extra fields of the token answer (user_id...).</summary>
    public Dictionary<string, object> TokenExtras { get; } = [];

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Refreshes;

    public static FakeVendorServer Start(string name)
    {
        var server = new FakeVendorServer(name);
        server.app.StartAsync().GetAwaiter().GetResult();
        server.BaseUrl = new Uri(LocalServer.Address(server.app).ToString().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers GET or POST <paramref name="path"/> (no query; a trailing * matches a prefix) with what <paramref name="body"/> returns, as JSON (a string is sent as is).</summary>
    public void Route(string path, Func<HttpContext, object?> body) => routes[path] = body;

    /// <summary>The next request whose path starts with <paramref name="prefix"/> gets this answer instead.</summary>
    public void Inject(string prefix, int status, string? body = null, IReadOnlyDictionary<string, string>? headers = null) =>
        injected.Enqueue((prefix, status, body, headers));

    /// <summary>Drops injections not yet used.</summary>
    public void ClearInjections() => injected.Clear();

    /// <summary>Makes every issued access token invalid, as if they had expired.</summary>
    public void ExpireAccessTokens() => validAccessTokens.Clear();

    /// <summary>Issues tokens as the token endpoint would, for seeding a connection directly.</summary>
    public (string Access, string Refresh) IssueTokens()
    {
        var n = Interlocked.Increment(ref issued);
        var access = $"{Name}-access-{n}-{Guid.NewGuid():N}";
        var refresh = $"{Name}-refresh-{n}-{Guid.NewGuid():N}";
        validAccessTokens[access] = true;
        validRefreshTokens[refresh] = true;
        return (access, refresh);
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string prefix) => [.. Requests.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal))];

    public void ClearRequests() => Requests.Clear();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? form = null;
        if (request.HasFormContentType)
        {
            var fields = await request.ReadFormAsync();
            form = string.Join('&', fields.Select(f => $"{f.Key}={f.Value}"));
        }
        Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.Headers.Authorization.ToString(), form, DateTimeOffset.UtcNow));

        var path = request.Path.Value ?? "";
        if (Delay > TimeSpan.Zero && path != TokenPath)
        {
            await Task.Delay(Delay);
        }
        if (TryDequeueInjection(path) is { } failure)
        {
            foreach (var (name, value) in failure.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            context.Response.StatusCode = failure.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(failure.Body ?? "{}");
            return;
        }

        if (path == TokenPath)
        {
            await TokenAsync(context);
            return;
        }

        var token = request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        if (token is null || !validAccessTokens.ContainsKey(token))
        {
            if (WithingsStyle)
            {
                await context.Response.WriteAsJsonAsync(new { status = 401, error = "XRequestID: Not provided invalid_token" });
                return;
            }
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { errorType = "expired_token", message = "Access token expired" } } });
            return;
        }

        if (!routes.TryGetValue(path, out var route)
            && routes.Where(r => r.Key.EndsWith('*') && path.StartsWith(r.Key[..^1], StringComparison.Ordinal)).OrderByDescending(r => r.Key.Length).FirstOrDefault().Value is not { } prefixRoute)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { error = $"no route {path}" });
            return;
        }
        var body = (route ?? routes.Where(r => r.Key.EndsWith('*') && path.StartsWith(r.Key[..^1], StringComparison.Ordinal)).OrderByDescending(r => r.Key.Length).First().Value)(context);
        if (body is string raw)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw);
            return;
        }
        await context.Response.WriteAsJsonAsync(body);
    }

    private (string Prefix, int Status, string? Body, IReadOnlyDictionary<string, string>? Headers)? TryDequeueInjection(string path)
    {
        // One pass over the queue: the first injection for this path is taken, the others keep their order.
        var count = injected.Count;
        (string, int, string?, IReadOnlyDictionary<string, string>?)? found = null;
        for (var i = 0; i < count && injected.TryDequeue(out var item); i++)
        {
            if (found is null && path.StartsWith(item.Prefix, StringComparison.Ordinal))
            {
                found = item;
            }
            else
            {
                injected.Enqueue(item);
            }
        }
        return found;
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var grant = form["grant_type"].ToString();
        var ok = grant switch
        {
            "authorization_code" => form["code"] == GoodCode && form["redirect_uri"].Count == 1,
            "refresh_token" => validRefreshTokens.TryRemove(form["refresh_token"].ToString(), out _),
            _ => false,
        };
        var authenticated = form["client_id"] == $"client-{Name}"
            && (form["client_secret"] == $"secret-{Name}" || context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal));
        if (!ok || !authenticated || (WithingsStyle && form["action"] != "requesttoken"))
        {
            if (WithingsStyle)
            {
                await context.Response.WriteAsJsonAsync(new { status = 503, error = "Invalid Params: invalid code" });
                return;
            }
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_grant", error_description = "The code or refresh token is invalid" });
            return;
        }
        if (grant == "refresh_token")
        {
            Interlocked.Increment(ref Refreshes);
        }
        var (access, refresh) = IssueTokens();
        var token = new Dictionary<string, object>(TokenExtras)
        {
            ["access_token"] = access,
            ["refresh_token"] = refresh,
            ["expires_in"] = ExpiresIn,
            ["token_type"] = "Bearer",
            ["scope"] = "read",
        };
        await context.Response.WriteAsJsonAsync(WithingsStyle ? new Dictionary<string, object> { ["status"] = 0, ["body"] = token } : token);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public sealed record RecordedRequest(string Method, string Path, string Query, string Authorization, string? Form, DateTimeOffset At);
