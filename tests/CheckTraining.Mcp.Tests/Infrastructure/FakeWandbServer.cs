using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>One request as the fake saw it.</summary>
public sealed record RecordedRequest(string? OperationName, string Query, JsonObject? Variables, bool HadAuthorization, int Status, long ResponseBytes, DateTimeOffset At,
    string? ApiKey = null);

/// <summary>
/// A W&amp;B GraphQL endpoint on loopback over real HTTP. Every document is validated against the schema; an invalid
/// query or any mutation is answered 400 and recorded as a violation that fails the test. Faults can be queued.
/// </summary>
public sealed partial class FakeWandbServer : IAsyncDisposable
{
    public const string ApiKey = "local-fakekey0123456789012345678901234567890123456789";

    /// <summary>A second valid key, as another team would have.</summary>
    public const string OtherApiKey = "local-otherkey123456789012345678901234567890123456789";

    /// <summary>A valid key of a W&amp;B user outside the fixtures' team.</summary>
    public const string StrangerApiKey = "local-strangerkey789012345678901234567890123456789012";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _faults = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private int _stalled;
    private int _inFlight;

    private FakeWandbServer(WebApplication app, FakeWandbData data)
    {
        _app = app;
        Data = data;
    }

    public FakeWandbData Data { get; }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public IReadOnlyList<string> Violations => _violations.ToList();

    /// <summary>Requests stalled mid-body right now (<see cref="EnqueueBodyStall"/>): what a fake-clock test waits on.</summary>
    public int StalledNow => Volatile.Read(ref _stalled);

    /// <summary>
    /// Requests being answered right now. Once W&amp;B has been asked and nothing is in flight, a server on a fake clock
    /// is waiting only on time (a backoff, a Retry-After): what its tests move the clock on for.
    /// </summary>
    public int InFlightNow => Volatile.Read(ref _inFlight);

    /// <summary>Asked at least once, or being asked now.</summary>
    public bool Asked => InFlightNow > 0 || !_requests.IsEmpty;

    /// <summary>Asked at least once, and nothing in flight now.</summary>
    public bool AskedAndIdle => !_requests.IsEmpty && InFlightNow == 0;

    /// <summary>What each request's arrival time (<see cref="RecordedRequest"/>.At) is read from: an in-process server's fake clock, so gaps are the server's own.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Added before every answer, to measure what concurrency saves (the real API is tens of ms away).</summary>
    public TimeSpan Latency { get; set; }

    public static async Task<FakeWandbServer> StartAsync(FakeWandbData data)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeWandbServer(app, data);
        app.MapPost("/graphql", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Answers the next request with <paramref name="status"/> instead of data.</summary>
    public void EnqueueStatus(int status, string body = """{"errors":[{"message":"fault injected"}]}""", string? retryAfter = null,
        string? rateLimitReset = null) =>
        _faults.Enqueue(async ctx =>
        {
            ctx.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                ctx.Response.Headers.RetryAfter = retryAfter;
            }

            if (rateLimitReset is not null)
            {
                ctx.Response.Headers["RateLimit-Remaining"] = "0";
                ctx.Response.Headers["RateLimit-Reset"] = rateLimitReset;
            }

            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(body);
            return true;
        });

    /// <summary>Never answers the next request (until the client gives up).</summary>
    public void EnqueueHang() => _faults.Enqueue(async ctx =>
    {
        await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { });
        return true;
    });

    /// <summary>Answers the next request's headers (200, JSON) and the start of its body, then stalls until the client gives up.</summary>
    public void EnqueueBodyStall() => _faults.Enqueue(async ctx =>
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("{\"data\":{\"project\":");
        await ctx.Response.Body.FlushAsync();
        Interlocked.Increment(ref _stalled);
        await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { });
        Interlocked.Decrement(ref _stalled);
        return true;
    });

    /// <summary>Promises a body (Content-Length), sends part of it, then drops the connection: a proxy cut mid-way.</summary>
    public void EnqueueTruncatedBody() => _faults.Enqueue(async ctx =>
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = 4096;
        await ctx.Response.WriteAsync("{\"data\":{\"project\":{\"runs\":");
        await ctx.Response.Body.FlushAsync();
        await Task.Delay(100); // the client has the headers and is reading the body when the connection drops
        ctx.Abort();
        return true;
    });

    /// <summary>
    /// Answers the next request 200 with valid headers and a complete HTTP body (Content-Length matches) whose JSON
    /// stops mid-document: what a proxy or a server failing mid-write sends. Nothing at the HTTP level is wrong.
    /// </summary>
    public void EnqueueCutShortJson() => _faults.Enqueue(async ctx =>
    {
        var body = Encoding.UTF8.GetBytes("{\"data\":{\"project\":{\"name\":\"melee-worldmodel\",\"runs\":{\"edges\":[{\"node\":{\"name\":\"8za0");
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body);
        return true;
    });

    /// <summary>Hangs every request until the returned scope is disposed.</summary>
    public IDisposable HangAll()
    {
        var cts = new CancellationTokenSource();
        void Enqueue() => _faults.Enqueue(async ctx =>
        {
            if (!cts.IsCancellationRequested)
            {
                Enqueue();
                await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, cts.Token).Token)
                    .ContinueWith(_ => { });
                return true;
            }

            return false;
        });
        Enqueue();
        return cts;
    }

    public IReadOnlyList<RecordedRequest> RequestsSince(DateTimeOffset start) => Requests.Where(r => r.At >= start).ToList();

    private async Task HandleAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await AnswerAsync(ctx);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext ctx)
    {
        var at = Clock.GetUtcNow();
        ApplyDueChanges(at);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, ctx.RequestAborted);
        }

        var body = await new StreamReader(ctx.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var request = JsonNode.Parse(body)!.AsObject();
        var query = request["query"]!.GetValue<string>();
        var operationName = request["operationName"]?.GetValue<string>();
        var variables = request["variables"] as JsonObject;
        var auth = ctx.Request.Headers.Authorization.ToString();
        var key = KeyOf(auth) is { } presented && Data.ViewerOf(presented) is not null ? presented : null;

        string response;
        int status;
        var validation = await SchemaValidator.Instance.ValidateAsync(query, operationName, ToPlain(variables));
        if (validation.Count > 0)
        {
            _violations.Enqueue($"{operationName}: {string.Join("; ", validation)}");
            (status, response) = (400, new JsonObject { ["errors"] = new JsonArray(validation.Select(v => (JsonNode)new JsonObject { ["message"] = v }).ToArray()) }.ToJsonString());
        }
        else if (_faults.TryDequeue(out var fault) && await fault(ctx))
        {
            _requests.Enqueue(new RecordedRequest(operationName, query, variables, auth.Length > 0, ctx.Response.StatusCode, 0, at));
            return;
        }
        else if (key is null)
        {
            (status, response) = (401, """{"errors":[{"message":"permission denied","extensions":{"code":"PERMISSION_ERROR"}}],"data":null}""");
        }
        else
        {
            try
            {
                var data = ReadingData(() => new FakeGraphQLExecutor(Data, Data.ViewerOf(key)!).Execute(GraphQLParser.Parser.Parse(query), operationName, variables));
                (status, response) = (200, FakeWandbData.ReplaceMarkers(new JsonObject { ["data"] = data }.ToJsonString()));
            }
            catch (Exception ex)
            {
                _violations.Enqueue($"{operationName}: the fake cannot execute it: {ex.GetType().Name}: {ex.Message}");
                (status, response) = (500, "{\"errors\":[{\"message\":\"fake W&B could not execute the query\"}]}");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(response);
        _requests.Enqueue(new RecordedRequest(operationName, query, variables, auth.Length > 0, status, bytes.Length, at, key));
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(bytes);
    }

    /// <summary>Variables as plain CLR values for the validator.</summary>
    /// <summary>The key in W&amp;B's Basic scheme (user <c>api</c>), else null.</summary>
    private static string? KeyOf(string authorization)
    {
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[scheme.Length..]));
            return pair.StartsWith("api:", StringComparison.Ordinal) ? pair[4..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Dictionary<string, object?>? ToPlain(JsonObject? variables) =>
        variables?.ToDictionary(kv => kv.Key, kv => Plain(kv.Value));

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonArray a => a.Select(Plain).ToList(),
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l > int.MaxValue || l < int.MinValue ? l : (int)l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
