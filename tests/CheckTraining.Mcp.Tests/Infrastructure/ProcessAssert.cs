using System.Diagnostics;

namespace CheckTraining.Mcp.Tests.Infrastructure;

internal static class ProcessAssert
{
    /// <summary>Waits briefly for a process to be gone (killed processes may take a moment to be reaped).</summary>
    public static async Task ExitsAsync(int pid)
    {
        Assert.True(await Eventually.HoldsAsync(() => !IsAlive(pid), TimeSpan.FromSeconds(5)), $"process {pid} is still running: the process tree was not killed");
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
