using System.Text;
using CheckTraining.Mcp.Checkpoints;

namespace CheckTraining.Mcp.Rendering;

/// <summary>Renders pull_checkpoint results.</summary>
internal static class CheckpointMarkdown
{
    public static string Render(CheckpointReport r)
    {
        var sb = new StringBuilder();
        if (r.Download is { } d)
        {
            sb.AppendLine(d.Status switch
            {
                "already-present" => $"Already present: {d.LocalPath} ({d.Bytes} bytes) matches {d.File} on the volume; nothing downloaded.",
                "replaced" => $"Replaced {d.LocalPath} with {d.File} ({d.Bytes} bytes) in {d.Seconds:0.0} s.",
                _ => $"Downloaded {d.File} to {d.LocalPath} ({d.Bytes} bytes) in {d.Seconds:0.0} s.",
            });
            sb.AppendLine();
        }

        sb.AppendLine($"## Checkpoints of {r.Run} ({r.RunId}) in volume {r.Volume}:{r.RemoteDirectory} ({Format.AsOf(r.AsOf)})");
        if (r.Files.Count == 0)
        {
            sb.Append("The folder is empty.");
            return sb.ToString();
        }

        sb.AppendLine("| File | Type | Size | Modified |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var f in r.Files)
        {
            sb.AppendLine($"| {f.Name} | {f.Type} | {f.Size ?? "?"} | {Format.Time(f.Modified)} |");
        }

        if (r.FilesTruncated)
        {
            sb.AppendLine($"(first {r.Files.Count} entries shown)");
        }

        return sb.ToString().TrimEnd();
    }
}
