using System.Text.RegularExpressions;
using CheckTraining.Mcp.Redaction;

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

    /// <summary>Box-drawing stripped, whitespace folded, secrets redacted (SecretRedactor), length capped.</summary>
    public string Summary()
    {
        var text = BoxDrawing().Replace(Text, " ");
        text = SecretRedactor.ShapesOnly.Redact(text).Text;
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= MaxMessage ? text : "..." + text[^MaxMessage..];
    }

    [GeneratedRegex(@"[\u2500-\u257F]")]
    private static partial Regex BoxDrawing();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
