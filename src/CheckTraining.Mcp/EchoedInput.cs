namespace CheckTraining.Mcp;

/// <summary>
/// How a caller's input is quoted back in a message or a note: control characters dropped and at most
/// <see cref="MaxLength"/> characters, so a huge or hostile argument cannot flood the reply (or the model's context).
/// </summary>
public static class EchoedInput
{
    public const int MaxLength = 100;

    public static string Of(string? input)
    {
        var printable = new string((input ?? "").Where(c => !char.IsControl(c)).ToArray());
        return printable.Length <= MaxLength ? printable : printable[..MaxLength] + $"... ({printable.Length} characters)";
    }
}
