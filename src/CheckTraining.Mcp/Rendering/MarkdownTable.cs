using System.Text;

namespace CheckTraining.Mcp.Rendering;

/// <summary>One small helper for every table: a header row, the rule, then the rows (cells escaped for pipes and newlines).</summary>
internal static class MarkdownTable
{
    public static void Append(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IEnumerable<string>> rows)
    {
        sb.AppendLine("| " + string.Join(" | ", headers.Select(Cell)) + " |");
        sb.AppendLine(string.Concat(Enumerable.Repeat("|---", headers.Count)) + "|");
        foreach (var row in rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
