using System.Globalization;
using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Modal;

/// <summary>One line of <c>modal app logs --timestamps</c>: its time (when it parsed) and text.</summary>
public sealed record ModalLogLine(DateTimeOffset? At, string Text);

/// <summary>
/// Reads an app's last log lines, read-only and bounded: only on a CLI that fetches (≥ 1.4.0, probed once with
/// <c>modal --version</c>), always with <c>--tail</c>, never <c>--follow</c>, under the same timeout and tree kill as
/// every CLI call. Output is plain text (there is no --json).
/// </summary>
public sealed partial class ModalLogReader(ModalCli cli)
{
    private Task<Version?>? _version;

    public async Task<IReadOnlyList<ModalLogLine>> TailAsync(string appId, int tail, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken);
        if (version is null || version < ModalVersion.LogsFetch)
        {
            throw new ModalCliException(ModalErrorKind.UnsupportedVersion,
                $"The Modal CLI here is {(version is null ? "of an unknown version" : version.ToString())}; before 1.4.0 `modal app logs` can only " +
                "stream, so this server does not run it. Upgrade with `pip install -U \"modal>=1.4\"`, then restart the server, to read app logs.");
        }

        // Never cached: the raw lines may hold secrets a script printed (they are redacted on the way out).
        var read = await cli.ReadFreshAsync(ModalCommand.AppLogs(appId, tail), cancellationToken);
        return read.Body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(Parse).ToList();
    }

    /// <summary>Probes once; a failed probe is retried on the next call rather than remembered.</summary>
    private async Task<Version?> VersionAsync(CancellationToken cancellationToken)
    {
        // The shared probe must not die with its first caller: it runs uncancelled (the CLI timeout bounds it), callers wait with their own token.
        var probe = _version ??= Probe(CancellationToken.None);
        try
        {
            return await probe.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref _version, null, probe);
            throw;
        }
    }

    private async Task<Version?> Probe(CancellationToken cancellationToken) =>
        ModalVersion.Parse((await cli.ReadFreshAsync(ModalCommand.Version(), cancellationToken)).Body);

    private static ModalLogLine Parse(string line)
    {
        var m = Stamped().Match(line);
        return m.Success && DateTimeOffset.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? new ModalLogLine(at.ToUniversalTime(), m.Groups[2].Value)
            : new ModalLogLine(null, line);
    }

    // "2026-12-02 01:02:03+00:00 text" (the CLI's localised ISO form, with its offset)
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)) ?(.*)$")]
    private static partial Regex Stamped();
}
