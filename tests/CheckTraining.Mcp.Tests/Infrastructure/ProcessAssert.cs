using System.Diagnostics;

namespace CheckTraining.Mcp.Tests.Infrastructure;

internal static class ProcessAssert
{
    /// <summary>Waits briefly for a process to be gone (killed processes may take a moment to be reaped).</summary>
    public static async Task ExitsAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            if (!IsAlive(pid))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"process {pid} is still running: the process tree was not killed");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
