using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>What W&amp;B said of a presented key.</summary>
internal enum WandbKeyVerdict
{
    Accepted,
    Refused,
    Unavailable,
}

/// <summary>
/// wandb-key mode: checks a presented W&amp;B key once with a <c>viewer</c> query, remembers the answer by the key's
/// SHA-256 for Cache:TtlSeconds (a refusal for <see cref="RefusalSeconds"/> only, so a fixed key works again soon),
/// and never remembers a failure to reach W&amp;B.
/// </summary>
internal sealed class WandbKeyVerifier(WandbGraphQLClient client, IOptions<CacheOptions> cache, TimeProvider clock, ILogger<WandbKeyVerifier> logger)
{
    public const double RefusalSeconds = 5;
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (WandbKeyVerdict Verdict, DateTimeOffset Until)> _answers = new();

    /// <summary>The caller's name in audit lines and the rate limiter: a short hash of the key, never the key.</summary>
    public static string Subject(string apiKey) => "wandb-key:" + CacheKeys.Hash(apiKey);

    public async Task<WandbKeyVerdict> VerifyAsync(string apiKey, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        var now = clock.GetUtcNow();
        if (_answers.TryGetValue(id, out var known) && known.Until > now)
        {
            return known.Verdict;
        }

        var verdict = await AskWandbAsync(apiKey, cancellationToken);
        var ttl = verdict switch
        {
            WandbKeyVerdict.Accepted => cache.Value.TtlSeconds,
            WandbKeyVerdict.Refused => RefusalSeconds,
            _ => 0,
        };
        if (ttl > 0)
        {
            if (_answers.Count >= MaxRemembered)
            {
                Prune(now); // a spray of made-up keys must not grow the table without bound
            }

            _answers[id] = (verdict, now.AddSeconds(ttl));
        }

        return verdict;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, answer) in _answers)
        {
            if (answer.Until <= now || answer.Verdict == WandbKeyVerdict.Refused)
            {
                _answers.TryRemove(id, out _);
            }
        }
    }

    private async Task<WandbKeyVerdict> AskWandbAsync(string apiKey, CancellationToken cancellationToken)
    {
        try
        {
            using (AmbientWandbCallContext.Begin(new WandbCall(apiKey)))
            {
                var data = await client.QueryAsync(WandbQueries.Viewer, [], cancellationToken);
                return data.Data["viewer"] is JsonObject { } viewer && viewer["id"] is not null ? WandbKeyVerdict.Accepted : WandbKeyVerdict.Refused;
            }
        }
        catch (WandbException ex) when (ex.Reason is WandbErrorKind.Unauthorized or WandbErrorKind.Forbidden or WandbErrorKind.MissingKey)
        {
            return WandbKeyVerdict.Refused;
        }
        catch (WandbException ex)
        {
            logger.LogWarning("A caller's W&B key could not be checked ({Kind}): {Message}", ex.Kind, ex.Message);
            return WandbKeyVerdict.Unavailable;
        }
    }
}
