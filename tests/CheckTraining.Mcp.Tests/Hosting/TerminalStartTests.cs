using System.Diagnostics;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// A person who starts the stdio server by hand (`dotnet run`, stdin a terminal) is told once, on stderr, what it is
/// waiting for; a client, which pipes stdin, never sees the line. A real child process on a real pseudo-terminal
/// (util-linux `script`).
/// </summary>
public sealed class TerminalStartTests
{
    private const string WaitingLine = "check-training: waiting for an MCP client on stdin; see --help";

    [Fact]
    public async Task Started_on_a_terminal_it_says_once_on_stderr_that_it_waits_for_a_client()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/script"), "needs util-linux script for a pseudo-terminal");
        var home = Directory.CreateTempSubdirectory("checktraining-tty-").FullName; // never the machine's ~/.netrc
        var (command, arguments) = RepoPaths.ServerLaunch;
        // stderr to the terminal and stdout to /dev/null: whatever the terminal shows came from stderr.
        var line = string.Join(' ', new[] { command }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"))
                   + " 2>&1 1>/dev/null";
        var psi = new ProcessStartInfo("/usr/bin/script", ["-qefc", line, "/dev/null"])
        {
            RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true,
        };
        psi.Environment["HOME"] = home;
        psi.Environment.Remove("WANDB_API_KEY");
        using var process = Process.Start(psi)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60)); // a bound on a slow start, not a wait: the loop ends on the line
        var seen = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } text)
            {
                seen.Add(text.Trim());
                if (text.Contains(WaitingLine, StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.Single(seen, s => s.Contains(WaitingLine, StringComparison.Ordinal));
    }
}
