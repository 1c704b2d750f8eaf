using System.Net;
using CheckTraining.Mcp.Tests.Hosting;
using CheckTraining.Mcp.Tests.Infrastructure;
using StackExchange.Redis;
using CacheScope = CheckTraining.Mcp.Caching.CacheScope;

namespace CheckTraining.Mcp.Tests.Caching;

/// <summary>
/// wandb-key replicas sharing Redis: the answer that lets a key in is never written there, so write access to Redis is
/// no way in. (Its own class, so the shared-cache tests run in parallel.)
/// </summary>
public sealed class SharedCacheKeyCheckTests : SharedCacheTests
{
    private const string ForgedKey = "local-forgedkey0123456789012345678901234567890123456";

    private async Task<HttpServerProcess> StartWandbKeyReplicaAsync()
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        env.Remove("WANDB_API_KEY");
        env["CHECKTRAINING_Cache__TtlSeconds"] = "60";
        env["CHECKTRAINING_Cache__Redis"] = _redis.ConnectionString;
        env["CHECKTRAINING_Cache__RedisTimeoutMilliseconds"] = "3000";
        var replica = await HttpServerProcess.StartAsync(env, "--Http:Auth:Mode=wandb-key", "--Http:Stateless=true");
        _replicas.Add(replica);
        return replica;
    }

    [Fact]
    public async Task A_forged_key_with_every_entry_of_a_member_copied_under_its_hash_gets_401_and_each_replica_checks_keys_itself()
    {
        var first = await StartWandbKeyReplicaAsync();
        var second = await StartWandbKeyReplicaAsync();
        await using (var member = await TeamClients.ConnectAsync(first.Url, FakeWandbServer.ApiKey))
        {
            var listed = await member.CallToolAsync("list_recent_runs", cancellationToken: TestContext.Current.CancellationToken);
            Assert.NotEqual(true, listed.IsError);
        }

        // The attacker has write access to Redis: every entry made with the member's key is copied under the forged key's hash.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        var db = redis.GetDatabase();
        var keys = redis.GetServer(_redis.ConnectionString).Keys(pattern: "*").Select(k => k.ToString()).ToList();
        Assert.DoesNotContain(keys, k => k.Contains(":CheckTrainingCaller:", StringComparison.Ordinal)); // no key check was shared
        string memberHash = "k" + CacheScope.Hash(FakeWandbServer.ApiKey), forgedHash = "k" + CacheScope.Hash(ForgedKey);
        var copied = 0;
        foreach (var key in keys.Where(k => k.Contains(memberHash, StringComparison.Ordinal)))
        {
            await db.HashSetAsync(key.Replace(memberHash, forgedHash, StringComparison.Ordinal), await db.HashGetAllAsync(key));
            copied++;
        }

        Assert.True(copied > 0, "the member's reads were not in Redis, so copying them proved nothing");

        using var http = new HttpClient();
        foreach (var replica in new[] { first, second })
        {
            using var refused = await http.SendAsync(AuditAndRateLimitTests.Initialize(replica.Url, ForgedKey), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // The second replica never saw the member: it asks W&B itself rather than trusting the first one's answer.
        using var admitted = await http.SendAsync(AuditAndRateLimitTests.Initialize(second.Url, FakeWandbServer.ApiKey), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal(2, _wandb.Requests.Count(r => r.OperationName == "CheckTrainingCaller" && r.ApiKey == FakeWandbServer.ApiKey));
    }
}
