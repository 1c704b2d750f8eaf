using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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

    /// <summary>A valid key of a W&amp;B user outside Http:Auth:AllowedEntities.</summary>
    Forbidden,
    Unavailable,
}

/// <summary>A key's verdict and, for a valid key, its W&amp;B user (id and name).</summary>
internal sealed record WandbKeyAnswer(WandbKeyVerdict Verdict, string? UserId = null, string? UserName = null);

/// <summary>
/// wandb-key mode: checks a presented W&amp;B key once with a <c>viewer</c> query (its user and teams), remembers the
/// answer in this process by the key's SHA-256 for Cache:TtlSeconds (a refusal for <see cref="RefusalSeconds"/> only,
/// so a fixed key works again soon), and never remembers a failure to reach W&amp;B. The answer is never written to the
/// shared cache: an entry copied there under a forged key's hash would let that key in on every replica.
/// </summary>
internal sealed class WandbKeyVerifier(WandbGraphQLClient client, IOptions<CacheOptions> cache, AllowedTeam team, TimeProvider clock,
    ILogger<WandbKeyVerifier> logger)
{
    public const double RefusalSeconds = 5;
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (WandbKeyAnswer Answer, DateTimeOffset Until)> _answers = new();

    /// <summary>The caller's name in audit lines: the W&amp;B user, never the key.</summary>
    public static string Subject(string userName) => "wandb:" + userName;

    /// <summary>True when this key was accepted recently (it skips the door's limiter for unknown credentials).</summary>
    public bool IsKnownGood(string apiKey) =>
        _answers.TryGetValue(Id(apiKey), out var known) && known.Until > clock.GetUtcNow() && known.Answer.Verdict == WandbKeyVerdict.Accepted;

    public async Task<WandbKeyAnswer> VerifyAsync(string apiKey, CancellationToken cancellationToken)
    {
        var id = Id(apiKey);
        var now = clock.GetUtcNow();
        if (_answers.TryGetValue(id, out var known) && known.Until > now)
        {
            return known.Answer;
        }

        var answer = await AskWandbAsync(apiKey, cancellationToken);
        var ttl = answer.Verdict switch
        {
            WandbKeyVerdict.Accepted or WandbKeyVerdict.Forbidden => cache.Value.TtlSeconds,
            WandbKeyVerdict.Refused => RefusalSeconds,
            _ => 0,
        };
        if (ttl > 0)
        {
            if (_answers.Count >= MaxRemembered)
            {
                Prune(now); // a spray of made-up keys must not grow the table without bound
            }

            _answers[id] = (answer, now.AddSeconds(ttl));
        }

        return answer;
    }

    private static string Id(string apiKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, known) in _answers)
        {
            if (known.Until <= now || known.Answer.Verdict != WandbKeyVerdict.Accepted)
            {
                _answers.TryRemove(id, out _);
            }
        }
    }

    private async Task<WandbKeyAnswer> AskWandbAsync(string apiKey, CancellationToken cancellationToken)
    {
        try
        {
            using (AmbientWandbCallContext.Begin(new WandbCall(apiKey)))
            {
                var data = await client.QueryAsync(WandbQueries.Caller, [], cancellationToken, localOnly: true);
                if (data.Data["viewer"] is not JsonObject { } viewer || viewer["id"]?.ToString() is not { Length: > 0 } userId)
                {
                    return new(WandbKeyVerdict.Refused);
                }

                var name = viewer["username"]?.ToString() is { Length: > 0 } user ? user : viewer["entity"]?.ToString() ?? userId;
                var teams = (viewer["teams"]?["edges"] as JsonArray ?? []).Select(e => e?["node"]?["name"]?.ToString()).OfType<string>();
                var entities = teams.Append(viewer["entity"]?.ToString()).OfType<string>();
                return new(team.Admits(entities) ? WandbKeyVerdict.Accepted : WandbKeyVerdict.Forbidden, userId, name);
            }
        }
        catch (WandbException ex) when (ex.Reason is WandbErrorKind.Unauthorized or WandbErrorKind.Forbidden or WandbErrorKind.MissingKey)
        {
            return new(WandbKeyVerdict.Refused);
        }
        catch (WandbException ex)
        {
            logger.LogWarning("A caller's W&B key could not be checked ({Kind}): {Message}", ex.Kind, ex.Message);
            return new(WandbKeyVerdict.Unavailable);
        }
    }
}
