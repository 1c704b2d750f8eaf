namespace CheckTraining.Mcp.Hosting.Cli;

/// <summary>
/// A fault outside the server (an unreachable issuer) whose message says it all: logged as one warning line without a
/// stack trace, and at Debug when it repeats a fault already reported.
/// </summary>
internal interface IOneLineFault
{
    bool IsRepeat { get; }
}
