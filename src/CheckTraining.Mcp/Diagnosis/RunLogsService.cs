using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Redaction;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Diagnosis;

/// <summary>
/// A run's console tail: W&amp;B's console stream first (two requests: the run, then its last lines); when W&amp;B holds
/// none, the run's own Modal app (matched by creation time, as check_training does) through a bounded
/// <c>modal app logs --tail</c>. Knows nothing about MCP.
/// </summary>
public sealed class RunLogsService(WandbRunReader reader, WandbLinks links, ModalAppReader apps, ModalLogReader modalLogs, SecretRedactor redactor,
    IOptions<ModalOptions> modal)
{
    public const int MaxTail = ModalCommand.MaxLogTail;
    public const int MaxContains = 200;

    public async Task<RunLogsReport> GetAsync(RunReference reference, int tail, string? contains, CancellationToken cancellationToken)
    {
        if (tail is < 1 or > MaxTail)
        {
            throw new InvalidArgumentException($"tail must be a whole number from 1 to {MaxTail} (lines from the end); got {tail}.");
        }

        contains = string.IsNullOrEmpty(contains) ? null : contains;
        if (contains is { Length: > MaxContains } || (contains?.Any(char.IsControl) ?? false))
        {
            throw new InvalidArgumentException($"contains must be plain text of at most {MaxContains} characters, without control characters.");
        }

        var resolved = await reader.GetRunIdentityAsync(reference, cancellationToken);
        var details = await reader.GetRunDetailsAsync(resolved.Scope, resolved.Run.Id, new RunDetailsRequest([], LogTail: tail), cancellationToken);
        var run = resolved.Run;
        var url = links.RunUrl(resolved.Scope, run.Id);
        if (details.Logs is { Lines.Count: > 0 } logs)
        {
            var console = ConsoleTailBuilder.Build("W&B console", logs.Total, ConsoleTailLine.From(logs), contains, redactor, []);
            return new RunLogsReport(run.Id, run.DisplayName, run.State, url, details.ReadAt, console, null, 2);
        }

        try
        {
            var (fallback, app, at) = await FromModalAsync(run, tail, contains, cancellationToken);
            return new RunLogsReport(run.Id, run.DisplayName, run.State, url, at < details.ReadAt ? at : details.ReadAt, fallback, app, 2);
        }
        catch (ModalCliException ex)
        {
            // W&B answered (no lines): that answer stands, and the note says why Modal could not add its own.
            return new RunLogsReport(run.Id, run.DisplayName, run.State, url, details.ReadAt,
                Empty($"{NoLines}. The run's Modal app logs could not be read either: {ex.Message}"), null, 2);
        }
    }

    private async Task<(ConsoleTail Tail, AppView? App, DateTimeOffset At)> FromModalAsync(WandbRun run, int tail, string? contains, CancellationToken cancellationToken)
    {
        var why = NoLines;
        var list = await apps.ListAsync(cancellationToken);
        var match = AppMatcher.Match(list, run.CreatedAt, modal.Value);
        if (match.App is not { } app)
        {
            return (Empty($"{why}, and no Modal app could be matched to it: {match.MatchedBy}"), null, list.ReadAt);
        }

        var lines = await modalLogs.TailAsync(app.AppId, tail, cancellationToken);
        var console = ConsoleTailBuilder.Build($"Modal app logs ({app.AppId})", null,
            lines.Select(l => new ConsoleTailLine(null, l.At, null, l.Text)).ToList(), contains, redactor,
            [$"{why}; these are the last {tail} log entries of its Modal app {app.Name} ({app.AppId}), matched by creation time."]);
        return (console, app, list.ReadAt);
    }

    private const string NoLines = "W&B holds no console lines for this run (it never printed, or its stream never reached W&B)";

    private static ConsoleTail Empty(string note) => new("none", null, [], null, null, 0, false, false, 0, [note]);
}
