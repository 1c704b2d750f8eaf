using System.Buffers;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Tests.Infrastructure;
using StackExchange.Redis;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Caching;

/// <summary>
/// A server sharing a real Redis-compatible server (redis-server, else Garnet), cache on: after every read-only tool ran
/// on a crashed run whose console holds an error line, no Redis entry holds console text, raw or in a built result.
/// </summary>
public sealed class ConsoleStaysLocalTests : IAsyncLifetime
{
    private readonly FakeModal _modal = new(DateTimeOffset.UtcNow);
    private readonly string _checkpoints = Directory.CreateTempSubdirectory("ct-console-").FullName;
    private RedisServer _redis = null!;
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var data = Create(DateTimeOffset.UtcNow);
        DiagnosisFixtures.AddTo(data, DateTimeOffset.UtcNow);
        _wandb = await FakeWandbServer.StartAsync(data);
    }

    public async ValueTask DisposeAsync()
    {
        await _wandb.DisposeAsync();
        await _redis.DisposeAsync();
        _modal.Dispose();
        Directory.Delete(_checkpoints, recursive: true);
    }

    [Fact]
    public async Task No_Redis_entry_holds_console_text_after_every_tool_ran_on_a_crashed_run()
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        env["CHECKTRAINING_Cache__TtlSeconds"] = "60";
        env["CHECKTRAINING_Cache__Redis"] = _redis.ConnectionString;
        env["CHECKTRAINING_Cache__RedisTimeoutMilliseconds"] = "3000";
        foreach (var (k, v) in _modal.ServerEnvironment(_checkpoints))
        {
            env[k] = v; // with Modal answering, check_training's result is complete, so it is worth keeping
        }

        await using var server = await McpServerProcess.StartAsync(env);
        var crashed = new Dictionary<string, object?> { ["run"] = DiagnosisFixtures.CrashedId };
        var check = await server.CallAsync("check_training", crashed, TestContext.Current.CancellationToken);
        Assert.Contains("OutOfMemoryError", check.Text()); // the console was read and quoted
        await server.CallAsync("get_run_logs", crashed, TestContext.Current.CancellationToken);
        var watched = await server.CallAsync("watch_run", crashed, TestContext.Current.CancellationToken); // an ended run: answered at once
        Assert.Contains("OutOfMemoryError", watched.Text());
        await server.CallAsync("get_run_metrics", crashed, TestContext.Current.CancellationToken);
        await server.CallAsync("list_recent_runs", cancellationToken: TestContext.Current.CancellationToken);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        var keys = redis.GetServer(_redis.ConnectionString).Keys(pattern: "*").ToList();
        Assert.NotEmpty(keys); // the shared level was written: the test looks where entries really are
        Assert.Contains(keys, k => k.ToString().Contains("ct:result:get_run_metrics", StringComparison.Ordinal)); // built results do go there
        var serializer = new CachedReadSerializer();
        var decoded = 0;
        foreach (var key in keys)
        {
            var value = (byte[]?)await redis.GetDatabase().HashGetAsync(key, "data"); // RedisCache stores each entry as a hash
            Assert.NotNull(value);
            // Every entry must decode: a compressed body that could not be read would pass the search below unread.
            var text = Decode(serializer, value!);
            Assert.True(text is not null, $"entry {key} did not decode, so it was not searched");
            decoded += text.Contains("\"runs\"", StringComparison.Ordinal) || text.Contains("\"run\"", StringComparison.Ordinal) ? 1 : 0;
            Assert.DoesNotContain("OutOfMemoryError", text);
            Assert.DoesNotContain("Traceback", text);
        }

        Assert.True(decoded > 0, "no entry could be decoded, so the search proved nothing");
    }

    /// <summary>
    /// An entry's text. HybridCache wraps our serializer's bytes in a header of its own (format version, key, tags), so
    /// the payload is found as the first offset where our serializer reads a body; null when none does.
    /// </summary>
    private static string? Decode(CachedReadSerializer serializer, byte[] value)
    {
        for (var offset = 0; offset < Math.Min(value.Length, 4096); offset++)
        {
            try
            {
                if (serializer.Deserialize(new ReadOnlySequence<byte>(value, offset, value.Length - offset)).Body is { Length: > 0 } body)
                {
                    return body;
                }
            }
            catch (Exception)
            {
                // not the payload's start
            }
        }

        return null;
    }
}
