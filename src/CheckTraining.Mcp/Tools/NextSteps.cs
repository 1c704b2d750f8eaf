using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Tools;

/// <summary>check_training's "next" hints: which tool answers the question its verdict raises. They name tools, so they live here.</summary>
internal static class NextSteps
{
    public static IReadOnlyList<string> For(CheckTrainingReport r)
    {
        var steps = new List<string>();
        if (r.Verdict.Kind is VerdictCode.Crashed or VerdictCode.Hung or VerdictCode.Diverged or VerdictCode.StaleAppLive or VerdictCode.Stale)
        {
            steps.Add($"{RunLogsTool.Name} shows the run's console tail" + (r.ConsoleError is null ? " (the error may be further up, or only in the Modal app's logs)." : "."));
        }

        if (r.Verdict.Kind is VerdictCode.NotFound)
        {
            steps.Add($"{RecentRunsTool.Name} lists recent run ids and names.");
        }

        if (r.App is { App: null or { IsLive: false } } || r.Verdict.Kind is VerdictCode.AppNotMatched or VerdictCode.ContainerGone)
        {
            steps.Add($"{AppStatusTool.Name} lists every Modal app.");
        }

        if (r.Baseline is not null)
        {
            var by = r.Run?.Validation.PassesBy == ValidationAxis.Step ? "step by step" : "epoch by epoch";
            steps.Add($"{CompareRunsTool.Name} puts the run beside its baseline {by}; {PlotRunTool.Name} with baseline=\"previous\" overlays it.");
        }

        if (r.Checkpoints is { Files.Count: > 8 })
        {
            steps.Add($"{PullCheckpointTool.Name} with list_only=true lists every checkpoint file.");
        }

        return steps;
    }

    public static string Render(IReadOnlyList<string> steps) => steps.Count == 0 ? "" : "\n\n### Next\n" + string.Join("\n", steps.Select(s => "- " + s));
}
