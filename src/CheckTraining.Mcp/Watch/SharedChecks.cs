using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Watch;

/// <summary>
/// One check_training read per run per poll slot (<see cref="PollSlots"/>), however many watch it: the report goes through
/// the read cache under a key naming the slot, so concurrent watchers share the flight and later ones in the slot reuse
/// it (it is at most one interval old). The key is a tool-result key (<see cref="CacheScope"/>). Like check_training's own
/// results it stays in this process: it may quote the console. A report with a failed section is answered but never kept.
/// </summary>
public sealed class SharedChecks(
    CheckTrainingService check, IReadCache cache, CacheScope scope, WandbApiKeyProvider keys, JsonTypeInfo<CheckTrainingReport> reportJson,
    TimeProvider clock)
{
    public async Task<CheckTrainingReport> ReadAsync(RunReference run, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!keys.HasKey)
        {
            return await check.CheckAsync(run, includeCheckpoints: false, cancellationToken); // it says how to set the key
        }

        var slot = PollSlots.Slot(clock.GetUtcNow(), interval);
        var key = scope.ToolResult("watch_run", $"{slot}\x1f{run.Kind}\x1f{run.Entity}/{run.Project}\x1f{run.Value}", keys.GetRequiredKey());
        try
        {
            var read = await cache.GetOrReadAsync(key, async ct =>
            {
                var report = await check.CheckAsync(run, includeCheckpoints: false, ct);
                return report.RunError is null && report.AppError is null ? JsonSerializer.Serialize(report, reportJson) : throw new Incomplete(report);
            }, cancellationToken, localOnly: true, expiration: interval); // a check_training report may quote the console
            return JsonSerializer.Deserialize(read.Body, reportJson)!;
        }
        catch (Incomplete incomplete)
        {
            return incomplete.Report;
        }
    }

    /// <summary>Carries a report that must not be kept out of the cache's factory (which keeps whatever it returns).</summary>
    private sealed class Incomplete(CheckTrainingReport report) : Exception("not kept")
    {
        public CheckTrainingReport Report { get; } = report;
    }
}
