using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Redaction;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Compare;

/// <summary>A run and its baseline read together: the run (whole config), then its history with the baseline and the
/// baseline's history riding in the same second request. Two W&amp;B requests. Knows nothing about MCP.</summary>
public sealed class CompareService(RunMetricsService metrics, SecretRedactor redactor, IOptions<CompareRunsOptions> options)
{
    public async Task<RunComparison> CompareAsync(RunReference reference, string? baseline, CancellationToken cancellationToken)
    {
        var resolved = await metrics.ResolveAsync(reference, cancellationToken, wholeConfig: true);
        var choice = BaselineChoice.For(resolved.Run, resolved.Scope, baseline, options.Value);
        var read = await metrics.ReadAsync(resolved, new RunExtras([], BaselineFilter: choice.Filter), cancellationToken);
        var found = read.Details.Baseline ?? throw new WandbException(WandbErrorKind.RunNotFound, choice.NoneFound(resolved.Scope));
        var (other, otherHistory) = metrics.BuildBaseline(resolved.Scope, read, found);
        var run = read.Report;
        var validation = ComparisonBuilder.Validation(run, other, out var latestCommon, out var latestStep);
        var differences = ConfigDiff.Of(resolved.Run.Config, found.Run.Config, redactor);
        var max = options.Value.MaxConfigDifferences;
        var notes = new List<string>();
        if (validation.Count == 0)
        {
            notes.Add("This run has no validation metrics to compare yet.");
        }
        else if (latestCommon is null && latestStep is null)
        {
            notes.Add(run.Validation.PassesBy == ValidationAxis.Step ? "The two runs share no validated step yet." : "The two runs share no validated epoch yet.");
        }

        return new RunComparison(run.Run, other.Run, choice.ChosenBy, run.AsOf < other.AsOf ? run.AsOf : other.AsOf,
            validation, latestCommon, ComparisonBuilder.Loss(run, read.History, other, otherHistory), ComparisonBuilder.Pace(run, other),
            differences.Take(max).ToList(), Math.Max(0, differences.Count - max), notes, run.WandbRequests, latestStep);
    }
}
