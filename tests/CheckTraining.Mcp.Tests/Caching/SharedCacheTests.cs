using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using StackExchange.Redis;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Caching;

/// <summary>
/// A team's deployment for real: three HTTP server processes sharing one Redis-compatible server (redis-server, or
/// in-process Garnet where it is not installed: see <see cref="RedisServer"/>) and one fake W&amp;B.
/// </summary>
public abstract class SharedCacheTests : IAsyncLifetime
{
    protected const string Unavailable = "The shared cache (Redis";
    protected RedisServer _redis = null!;
    protected FakeWandbServer _wandb = null!;
    protected readonly List<HttpServerProcess> _replicas = [];
    protected readonly List<McpClient> _clients = [];

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _wandb.DisposeAsync();
        await _redis.DisposeAsync();
    }

    protected async Task StartReplicasAsync(int count, string apiKey = FakeWandbServer.ApiKey, IReadOnlyDictionary<string, string?>? settings = null)
    {
        for (var i = 0; i < count; i++)
        {
            var env = McpServerProcess.WandbEnvironment(_wandb);
            foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            {
                env[name] = value;
            }

            env["WANDB_API_KEY"] = apiKey;
            env["CHECKTRAINING_Cache__TtlSeconds"] = "60";
            env["CHECKTRAINING_Cache__Redis"] = _redis.ConnectionString;
            // These tests are about sharing, not about a slow Redis: under a loaded test run the first connect can take
            // longer than the 250 ms default, which would (correctly) skip Redis and make the sharing look absent.
            env["CHECKTRAINING_Cache__RedisTimeoutMilliseconds"] = "3000";
            var replica = await HttpServerProcess.StartAsync(env, "--Http:Stateless=true");
            _replicas.Add(replica);
            _clients.Add(await McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(replica.Url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }),
                cancellationToken: TestContext.Current.CancellationToken));
        }
    }

    /// <summary>N identical calls spread round-robin over the replicas, all at once; returns the W&amp;B requests they cost.</summary>
    protected async Task<int> BurstAsync(int calls, string run, IReadOnlyList<McpClient>? clients = null)
    {
        clients ??= _clients;
        var start = DateTimeOffset.UtcNow;
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => clients[i % clients.Count]
            .CallToolAsync("get_run_metrics", new Dictionary<string, object?> { ["run"] = run }, cancellationToken: TestContext.Current.CancellationToken).AsTask()));
        Assert.All(results, r => Assert.NotEqual(true, r.IsError));
        Assert.Empty(_wandb.Violations);
        return _wandb.RequestsSince(start).Count;
    }
}

/// <summary>Bursts over three replicas share flights through Redis. (Its own class, so the shared-cache tests run in parallel.)</summary>
public sealed class SharedCacheBurstTests : SharedCacheTests
{
    [Fact]
    public async Task Sixty_calls_over_three_replicas_cost_at_most_three_flights_and_a_second_wave_none()
    {
        await StartReplicasAsync(3);
        _wandb.Latency = TimeSpan.FromMilliseconds(100); // keep the burst in flight together

        Assert.InRange(await BurstAsync(60, FinishedRunId), 2, 3 * 2);
        Assert.Equal(0, await BurstAsync(60, FinishedRunId));
        // A replica that never read this run is served by the others' reads.
        Assert.Equal(0, await BurstAsync(5, FinishedRunId, [_clients[2]]));
    }
}

/// <summary>A dead Redis costs one warning per replica, and they recover by themselves. (Its own class, so the shared-cache tests run in parallel.)</summary>
public sealed class SharedCacheOutageTests : SharedCacheTests
{
    [Fact]
    public async Task Redis_dying_costs_nothing_but_one_warning_each_and_the_replicas_recover_by_themselves()
    {
        await StartReplicasAsync(3);
        Assert.InRange(await BurstAsync(3, FinishedRunId), 2, 6);

        await _redis.KillAsync();
        foreach (var run in new[] { SeedRunId, CustomRunId, OlderSameNameId })
        {
            await BurstAsync(6, run); // every call still answers, from W&B directly
        }

        // Trying again after the pause, and warning once for the whole outage, is on the fake clock (GuardedDistributedCacheTests).
        Assert.All(_replicas, r => Assert.Single(r.StderrLines, l => l.Contains(Unavailable, StringComparison.Ordinal)));
        Assert.All(_replicas, r => Assert.DoesNotContain(r.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal)));

        await _redis.RestartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var keysBefore = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "checktraining:*").Count();
        // Fresh reads only (each limit is its own cache key), so every call goes to the second level until it answers again.
        // The replicas retry the shared level after their pause, in their own real time: calls go on, a round every
        // 400 ms, until each says it is back.
        var limit = 1;
        await Eventually.HoldsAsync(async () =>
        {
            if (_replicas.All(r => r.StderrLines.Any(l => l.Contains("is back", StringComparison.Ordinal))) || limit > 50)
            {
                return true;
            }

            var round = await Task.WhenAll(_clients.Select(c => c.CallToolAsync("list_recent_runs", new Dictionary<string, object?> { ["limit"] = limit },
                cancellationToken: TestContext.Current.CancellationToken).AsTask()));
            Assert.All(round, r => Assert.NotEqual(true, r.IsError));
            limit++;
            return false;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(400));

        Assert.All(_replicas, r => Assert.Contains(r.StderrLines, l => l.Contains("is back", StringComparison.Ordinal)));
        Assert.True(redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "checktraining:*").Count() > keysBefore, "nothing was written to Redis after it returned");
    }
}

/// <summary>Two API keys on one Redis stay apart, and no secret is stored. (Its own class, so the shared-cache tests run in parallel.)</summary>
public sealed class SharedCacheIsolationTests : SharedCacheTests
{
    [Fact]
    public async Task Two_API_keys_on_one_Redis_never_read_each_others_entries_and_no_secret_is_stored()
    {
        await StartReplicasAsync(1, FakeWandbServer.ApiKey);
        await StartReplicasAsync(1, FakeWandbServer.OtherApiKey);
        Assert.InRange(await BurstAsync(1, FinishedRunId, [_clients[0]]), 1, 2);

        var start = DateTimeOffset.UtcNow;
        await BurstAsync(1, FinishedRunId, [_clients[1]]);
        var other = _wandb.RequestsSince(start);
        Assert.NotEmpty(other); // the second team read W&B itself, not the first team's entry
        Assert.All(other, r => Assert.Equal(FakeWandbServer.OtherApiKey, r.ApiKey));

        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "checktraining:*").Select(k => k.ToString()).ToList();
        Assert.Equal(2, keys.Select(k => k.Split(":k")[1][..16]).Distinct().Count()); // two key hashes, one per team
        Assert.All(keys, k => Assert.Contains($"{_wandb.BaseUrl}:{Entity}/{Project}", k));
        foreach (var key in keys)
        {
            Assert.DoesNotContain(FakeWandbServer.ApiKey, key);
            Assert.DoesNotContain(FakeWandbServer.OtherApiKey, key);
            var stored = System.Text.Encoding.Latin1.GetString((byte[])redis.GetDatabase().HashGet(key, "data")!);
            Assert.DoesNotContain("fakekey", stored);
            Assert.DoesNotContain("otherkey", stored);
        }
    }
}

/// <summary>
/// Two Modal accounts whose credentials live in their config files (no MODAL_TOKEN_ID), on one Redis: each sees its own
/// apps, and a third replica on the first account shares the first one's listing. (Its own class, so the shared-cache
/// tests run in parallel.)
/// </summary>
public sealed class SharedCacheModalAccountTests : SharedCacheTests, IDisposable
{
    private readonly List<FakeModal> _modals = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-modal-accounts-").FullName;

    public void Dispose()
    {
        _modals.ForEach(m => m.Dispose());
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<FakeModal> StartOnAccountAsync(string file, string tokenId, string appName)
    {
        var modal = new FakeModal(DateTimeOffset.UtcNow);
        _modals.Add(modal);
        modal.SetApps(($"ap-{appName}", appName, "deployed", 1, DateTimeOffset.UtcNow.AddHours(-2), null));
        var config = Path.Combine(_dir, file);
        File.WriteAllText(config, $"[team]\ntoken_id = \"{tokenId}\"\ntoken_secret = \"as-{tokenId}\"\nactive = true\n");
        var settings = new Dictionary<string, string?>(modal.ServerEnvironment(_dir))
        {
            ["MODAL_CONFIG_PATH"] = config,
            ["MODAL_TOKEN_ID"] = null,
            ["MODAL_PROFILE"] = null,
        };
        await StartReplicasAsync(1, settings: settings);
        return modal;
    }

    [Fact]
    public async Task Two_accounts_from_config_files_never_read_each_others_apps_and_one_account_shares_its_listing()
    {
        var first = await StartOnAccountAsync("first.toml", "ak-first-account", "first-trainer");
        var second = await StartOnAccountAsync("second.toml", "ak-second-account", "second-trainer");
        var sameAsFirst = await StartOnAccountAsync("first-again.toml", "ak-first-account", "never-listed");

        async Task<string> AppsAsync(int replica)
        {
            var result = await _clients[replica].CallToolAsync("get_app_status", new Dictionary<string, object?>(),
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.NotEqual(true, result.IsError);
            return result.Text();
        }

        Assert.Contains("first-trainer", await AppsAsync(0));
        var seenBySecond = await AppsAsync(1);
        Assert.Contains("second-trainer", seenBySecond); // its own account's listing, not the first's from Redis
        Assert.DoesNotContain("first-trainer", seenBySecond);
        Assert.NotEmpty(second.OwnInvocations);

        Assert.Contains("first-trainer", await AppsAsync(2)); // same account: served by the first replica's read
        Assert.Empty(sameAsFirst.OwnInvocations);
        Assert.NotEmpty(first.OwnInvocations);
    }
}

/// <summary>
/// Two replicas with different metric settings on one Redis never serve each other's reports; two with the same share.
/// (Its own class, so the shared-cache tests run in parallel.)
/// </summary>
public sealed class SharedCacheSettingsTests : SharedCacheTests
{
    [Fact]
    public async Task A_replica_with_other_GPU_rates_builds_its_own_report_and_one_with_the_same_settings_shares()
    {
        await StartReplicasAsync(1);
        await StartReplicasAsync(1, settings: new Dictionary<string, string?> { ["CHECKTRAINING_Metrics__FallbackGpuRate"] = "10" });
        await StartReplicasAsync(1);

        async Task<double> CostAsync(int replica)
        {
            var result = await _clients[replica].CallToolAsync("get_run_metrics", new Dictionary<string, object?> { ["run"] = SeedRunId },
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.NotEqual(true, result.IsError);
            return result.Structured().GetProperty("cost").GetProperty("soFar").GetDouble();
        }

        Assert.Equal(11.68, await CostAsync(0), 2); // 4.2 h × $2.78, the default rate
        Assert.Equal(42.0, await CostAsync(1), 1); // 4.2 h × $10: its own settings, not the first replica's report
        Assert.Equal(11.68, await CostAsync(2), 2);

        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var results = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*ct:result:get_run_metrics*").ToList();
        Assert.Equal(2, results.Count); // one per settings fingerprint: the first and third replicas share theirs
    }
}
