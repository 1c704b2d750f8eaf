using System.Globalization;
using System.Text;
using CheckTraining.Mcp.Diagnosis;

namespace CheckTraining.Mcp.Rendering;

/// <summary>get_run_logs: the error on top, then the lines as a code block.</summary>
internal static class RunLogsMarkdown
{
    public static string Render(RunLogsReport r)
    {
        var c = r.Console;
        var sb = new StringBuilder();
        sb.AppendLine($"## Console: {r.DisplayName} ({r.RunId}), {r.State} ({Format.AsOf(r.AsOf)})");
        sb.AppendLine($"Source: {c.Source}" + (c.TotalLines is { } t ? $"; {t.ToString(CultureInfo.InvariantCulture)} line(s) in all" : ""));
        if (c.Error is { } e)
        {
            sb.AppendLine(DiagnosisMarkdown.Error(e));
        }

        if (c.Filter is { } f)
        {
            sb.AppendLine($"Filter: lines containing \"{f}\" ({c.MatchedLines} of the tail)");
        }

        foreach (var note in c.Notes.Concat(Cuts(c)))
        {
            sb.AppendLine("- " + note);
        }

        if (c.Lines.Count > 0)
        {
            sb.AppendLine("```");
            foreach (var line in c.Lines)
            {
                var number = line.Number is { } n ? n.ToString(CultureInfo.InvariantCulture).PadLeft(6) + " " : "";
                var at = line.At is { } a ? a.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " : "";
                var err = line.Stream == "stderr" ? "! " : "";
                sb.AppendLine(number + at + err + line.Text.Replace("```", "`\u200b``", StringComparison.Ordinal));
            }

            sb.AppendLine("```");
        }
        else
        {
            sb.AppendLine("No lines.");
        }

        return sb.ToString().TrimEnd();
    }

    private static IEnumerable<string> Cuts(ConsoleTail c)
    {
        if (c.LinesCut)
        {
            yield return "Lines over 4,096 characters were cut.";
        }

        if (c.TextCut)
        {
            yield return $"Only the newest {c.Lines.Count} line(s) fit in 32 KB.";
        }

        if (c.Redactions > 0)
        {
            yield return $"{c.Redactions} secret(s) redacted.";
        }
    }
}
