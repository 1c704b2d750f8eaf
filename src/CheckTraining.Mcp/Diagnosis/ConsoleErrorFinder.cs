using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Diagnosis;

/// <summary>The error that ended a run, as its console shows it: the line and what kind it is.</summary>
public sealed record ConsoleError(long? Line, string Text, string Kind);

/// <summary>
/// Finds the error that ended a run in its console tail: the last Python exception (the unindented
/// <c>SomeError: message</c> line that closes the last <c>Traceback (most recent call last):</c> block), else the last
/// known fatal pattern (CUDA out of memory, NCCL, <c>Killed</c>, a segmentation fault).
/// </summary>
internal static partial class ConsoleErrorFinder
{
    public static ConsoleError? Find(IReadOnlyList<(long? Number, string Text)> raw)
    {
        // torchrun prefixes each line with "[rank0]: " (and elastic with "[default0]:"): read past it.
        var lines = raw.Select(l => (l.Number, Text: RankPrefix().Replace(l.Text, ""))).ToList();
        var traceback = -1;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].Text.TrimStart().StartsWith("Traceback (most recent call last):", StringComparison.Ordinal))
            {
                traceback = i;
                break;
            }
        }

        if (traceback >= 0)
        {
            for (var i = traceback + 1; i < lines.Count; i++)
            {
                var text = lines[i].Text.TrimEnd();
                if (text.Length > 0 && !char.IsWhiteSpace(text[0]) && ExceptionLine().IsMatch(text))
                {
                    return new ConsoleError(lines[i].Number, text, Kind(text) ?? "exception");
                }
            }
        }

        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (Kind(lines[i].Text) is { } kind)
            {
                return new ConsoleError(lines[i].Number, lines[i].Text.Trim(), kind);
            }
        }

        // The header may be above the tail read: the last unindented exception line that names an error still counts.
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var text = lines[i].Text.TrimEnd();
            if (text.Length > 0 && !char.IsWhiteSpace(text[0]) && ExceptionLine().IsMatch(text) && !text.Contains("Warning", StringComparison.Ordinal))
            {
                return new ConsoleError(lines[i].Number, text, "exception");
            }
        }

        return null;
    }

    private static string? Kind(string line) =>
        CudaOom().IsMatch(line) ? "cuda-out-of-memory"
        : Nccl().IsMatch(line) ? "nccl"
        : Segfault().IsMatch(line) ? "segmentation-fault"
        : Killed().IsMatch(line) ? "killed"
        : null;

    // "torch.OutOfMemoryError: CUDA out of memory...", "ValueError: bad", "KeyboardInterrupt", "SystemExit: 1"
    [GeneratedRegex(@"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit|Warning)\b(:.*)?$")]
    private static partial Regex ExceptionLine();

    [GeneratedRegex(@"^\[(?:rank|default)\d+\]:\s?")]
    private static partial Regex RankPrefix();

    [GeneratedRegex(@"CUDA out of memory|OutOfMemoryError|CUDA error: out of memory", RegexOptions.IgnoreCase)]
    private static partial Regex CudaOom();

    [GeneratedRegex(@"\bNCCL (error|WARN)|ncclInternalError|ncclSystemError|ncclUnhandledCudaError|NCCL communicator was aborted|Watchdog caught collective operation timeout")]
    private static partial Regex Nccl();

    [GeneratedRegex(@"Segmentation fault|SIGSEGV", RegexOptions.IgnoreCase)]
    private static partial Regex Segfault();

    [GeneratedRegex(@"^\s*Killed\s*$|\bKilled process \d+|exited with code 137|OOMKilled")]
    private static partial Regex Killed();
}
