using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Modal;

/// <summary>Keeps the last lines of the CLI's stderr and turns them into a short, token-free message.</summary>
internal sealed partial class StderrTail
{
    private const int MaxLines = 40;
    private const int MaxMessage = 400;
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Box-drawing stripped, whitespace folded, Modal token ids and secrets redacted, length capped.</summary>
    public string Summary()
    {
        var text = BoxDrawing().Replace(Text, " ");
        text = Token().Replace(text, "$1-***");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= MaxMessage ? text : "..." + text[^MaxMessage..];
    }

    [GeneratedRegex(@"[\u2500-\u257F]")]
    private static partial Regex BoxDrawing();

    [GeneratedRegex(@"\b(ak|as|wk|ws)-[A-Za-z0-9]{6,}")]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
