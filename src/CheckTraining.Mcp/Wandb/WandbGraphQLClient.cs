using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Typed HttpClient for W&amp;B's GraphQL endpoint. Sends only <see cref="ReadOnlyQuery"/> documents, checks HTTP status
/// and GraphQL <c>errors</c> on every answer, and turns each failure into a <see cref="WandbException"/> with a fix.
/// </summary>
public sealed class WandbGraphQLClient(HttpClient http, WandbApiKeyProvider keys, IReadCache cache, CacheScope scope, IOptions<WandbOptions> options,
    ILogger<WandbGraphQLClient> logger)
{
    private const int MaxErrorText = 300;

    /// <summary>
    /// Runs one query and returns its <c>data</c> object and when it was read. Answers are reused through the read cache
    /// for its TTL, keyed by base URL, entity/project, a hash of the API key, the operation and its variables.
    /// </summary>
    /// <param name="query">The document.</param>
    /// <param name="variables">Its variables.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="localOnly">Keep the answer out of the shared cache (it holds unredacted console text).</param>
    public async Task<WandbData> QueryAsync(ReadOnlyQuery query, JsonObject variables, CancellationToken cancellationToken, bool localOnly = false)
    {
        var apiKey = keys.GetRequiredKey(); // fail fast, before any retry loop, when no key is configured
        var variablesJson = variables.ToJsonString();
        var key = scope.Wandb(apiKey, JsonValues.AsString(variables["entity"]), JsonValues.AsString(variables["project"]), query.Name,
            query.Document, variablesJson);
        var call = keys.CurrentCall;
        var read = await cache.GetOrReadAsync(key, ct => SendAsync(query, variablesJson, apiKey, call, ct), cancellationToken, localOnly);
        return new WandbData(LenientJson.Parse(read.Body) as JsonObject ?? [], read.ReadAt);
    }

    /// <summary>One POST through the resilience pipeline; returns the checked <c>data</c> object as JSON text.</summary>
    private async Task<string> SendAsync(ReadOnlyQuery query, string variablesJson, string apiKey, WandbCall? call, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query.Document, ["operationName"] = query.Name, ["variables"] = JsonNode.Parse(variablesJson) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Options.Set(WandbAuthHandler.ApiKeyOption, apiKey);
        call?.CountRequest();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        request.SetResilienceContext(context);
        var clock = Stopwatch.StartNew();
        try
        {
            // The body is already buffered inside the pipeline (BodyBufferingHandler), within the attempt timeout and budget.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var retries = context.Properties.GetValue(WandbResilience.Retries, 0);
            logger.LogDebug("W&B {Operation}: HTTP {Status}, {Bytes} bytes, {Elapsed} ms, {Retries} retries",
                query.Name, (int)response.StatusCode, text.Length, clock.ElapsedMilliseconds, retries);
            return ReadData(response.StatusCode, text, retries).ToJsonString();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or TaskCanceledException)
        {
            var last = context.Properties.GetValue(WandbResilience.LastStatus, 0);
            if (last == 429)
            {
                throw new WandbException(WandbErrorKind.RateLimited,
                    $"W&B kept rate limiting (HTTP 429) for the whole {Budget} budget. Wait a minute and try again, " +
                    "or raise Wandb:TimeoutSeconds (CHECKTRAINING_Wandb__TimeoutSeconds).", ex);
            }

            throw new WandbException(WandbErrorKind.Timeout,
                $"W&B at {options.Value.BaseUrl} did not answer within {Budget}" +
                (last != 0 ? $" (last status {last})" : "") +
                ". Check the network or WANDB_BASE_URL, or raise Wandb:TimeoutSeconds (CHECKTRAINING_Wandb__TimeoutSeconds).", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new WandbException(WandbErrorKind.Unreachable,
                $"W&B at {options.Value.BaseUrl} failed repeatedly, so requests are paused for a few seconds. Try again shortly.", ex);
        }
        catch (CutShortBodyException ex)
        {
            var attempts = context.Properties.GetValue(WandbResilience.Retries, 0) + 1;
            throw new WandbException(WandbErrorKind.ServerError,
                $"W&B answered {(int)(ex.StatusCode ?? HttpStatusCode.OK)} but cut its body short ({ex.Bytes} bytes, the JSON unfinished) " +
                $"on {attempts} attempt(s). W&B or a proxy on the way may be degraded; try again later.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WandbException(WandbErrorKind.Unreachable,
                $"Cannot reach W&B at {options.Value.BaseUrl} ({ex.HttpRequestError}: {Trim(ex.Message)}). " +
                "Check the network and WANDB_BASE_URL.", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private string Budget => $"{options.Value.TimeoutSeconds:0.#} s";

    private static JsonObject ReadData(HttpStatusCode status, string text, int retries)
    {
        JsonNode? root = null;
        try
        {
            root = LenientJson.Parse(text);
        }
        catch (JsonException)
        {
            // Non-JSON bodies (proxies, HTML error pages) are reported by status below or as malformed.
        }

        var message = ErrorMessage(root) ?? (root is null ? Trim(text) : null);
        var code = (int)status;
        switch (code)
        {
            case 401:
                throw new WandbException(WandbErrorKind.Unauthorized,
                    $"W&B answered 401 Unauthorized{Detail(message)}: the API key was rejected. Set a valid WANDB_API_KEY " +
                    "(https://wandb.ai/authorize) or run `wandb login --relogin`.");
            case 403:
                throw new WandbException(WandbErrorKind.Forbidden,
                    $"W&B answered 403 Forbidden{Detail(message)}: this API key cannot read the entity or project. " +
                    "Check WANDB_ENTITY and WANDB_PROJECT, and that the key's user is a member.");
            case 404:
                throw new WandbException(WandbErrorKind.NotFound,
                    $"W&B answered 404 Not Found{Detail(message)}. Check WANDB_ENTITY, WANDB_PROJECT and WANDB_BASE_URL.");
            case 429:
                throw new WandbException(WandbErrorKind.RateLimited,
                    $"W&B is rate limiting requests (HTTP 429) and still was after {retries} retries. Wait a minute and try again.");
            case >= 500:
                throw new WandbException(WandbErrorKind.ServerError,
                    $"W&B answered {code}{Detail(message)} after {retries + 1} attempts. The service may be degraded; try again later.");
            case >= 400 when message is not null:
                throw QueryRejected(message);
            case >= 400:
                throw new WandbException(WandbErrorKind.Malformed, $"W&B answered HTTP {code} with no usable body.");
        }

        if (root is not JsonObject obj)
        {
            throw new WandbException(WandbErrorKind.Malformed,
                $"W&B answered with a body that is not a GraphQL response ({Trim(text)}). Is WANDB_BASE_URL the API URL (e.g. https://api.wandb.ai)?");
        }

        if (message is not null)
        {
            throw QueryRejected(message);
        }

        return obj["data"] as JsonObject ?? throw new WandbException(WandbErrorKind.Malformed,
            "W&B answered without a data object. Is WANDB_BASE_URL the API URL (e.g. https://api.wandb.ai)?");
    }

    private static WandbException QueryRejected(string message)
    {
        if (message.Contains("permission denied", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not logged in", StringComparison.OrdinalIgnoreCase))
        {
            return new WandbException(WandbErrorKind.Forbidden,
                $"W&B refused access ({message}). Check WANDB_API_KEY, WANDB_ENTITY and WANDB_PROJECT.");
        }

        if (message.Contains("Cannot query field", StringComparison.Ordinal))
        {
            return new WandbException(WandbErrorKind.QueryRejected,
                $"This W&B server does not support a field this tool reads ({message}). It may be an older self-hosted release.");
        }

        return new WandbException(WandbErrorKind.QueryRejected, $"W&B rejected the request: {message}");
    }

    /// <summary>Joins GraphQL <c>errors[].message</c>, or the non-GraphQL <c>error</c> forms.</summary>
    private static string? ErrorMessage(JsonNode? root)
    {
        if (root is not JsonObject obj)
        {
            return null;
        }

        if (obj["errors"] is JsonArray errors && errors.Count > 0)
        {
            var joined = string.Join("; ", errors.Select(e => JsonValues.AsString(e?["message"]) ?? e?.ToJsonString()).Distinct());
            return Trim(joined);
        }

        return obj["error"] switch
        {
            JsonValue v => Trim(JsonValues.AsDisplay(v) ?? ""),
            JsonObject e => Trim(JsonValues.AsString(e["message"]) ?? e.ToJsonString()),
            _ => null,
        };
    }

    private static string Detail(string? message) => string.IsNullOrEmpty(message) ? "" : $" ({message})";

    private static string Trim(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxErrorText ? oneLine : oneLine[..MaxErrorText] + "...";
    }
}

/// <summary>A query's <c>data</c> object and when W&amp;B answered it.</summary>
public sealed record WandbData(JsonObject Data, DateTimeOffset ReadAt);
