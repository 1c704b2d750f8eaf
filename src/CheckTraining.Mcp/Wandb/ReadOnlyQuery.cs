using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// A GraphQL document that is guaranteed to hold only query operations. The W&amp;B client accepts nothing else, so
/// no code path can send a mutation or subscription: the read-only promise is enforced where the request is built.
/// </summary>
public sealed partial class ReadOnlyQuery
{
    private ReadOnlyQuery(string name, string document)
    {
        Name = name;
        Document = document;
    }

    public string Name { get; }

    public string Document { get; }

    /// <summary>Checks the document: every operation is a named <c>query</c>; no mutation, subscription or shorthand.</summary>
    public static ReadOnlyQuery Create(string name, string document)
    {
        var stripped = Comment().Replace(document, " ");
        if (MutatingKeyword().IsMatch(stripped))
        {
            throw new InvalidOperationException($"GraphQL document '{name}' contains a mutation or subscription; only queries may be sent to W&B.");
        }

        var operations = OperationHeader().Matches(stripped);
        if (operations.Count == 0 || operations.Any(m => m.Groups[1].Value != "query"))
        {
            throw new InvalidOperationException($"GraphQL document '{name}' must consist of named query operations only.");
        }

        return new ReadOnlyQuery(name, document);
    }

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b(mutation|subscription)\b")]
    private static partial Regex MutatingKeyword();

    // A top-level operation starts a line with its keyword; fragments are not operations.
    [GeneratedRegex(@"(?m)^\s*(query|mutation|subscription|\{)")]
    private static partial Regex OperationHeader();
}
