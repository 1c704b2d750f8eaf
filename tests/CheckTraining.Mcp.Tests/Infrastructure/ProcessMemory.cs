using System.Globalization;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>Linux /proc readings for benchmark figures.</summary>
internal static class ProcessMemory
{
    /// <summary>The server process whose environment has the given HOME (each harness uses a private one).</summary>
    public static int FindServerPid(string home)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (cmdline.Contains("CheckTraining.Mcp", StringComparison.Ordinal) && environ.Contains("HOME=" + home + "\0", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException("server process not found");
    }

    /// <summary>Peak resident set size (VmHWM) in MiB.</summary>
    public static double PeakMiB(int pid) => Field(pid, "VmHWM:");

    /// <summary>Current resident set size (VmRSS) in MiB.</summary>
    public static double CurrentMiB(int pid) => Field(pid, "VmRSS:");

    /// <summary>Resets the peak so the next reading covers only what follows (write 5 to clear_refs).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static double Field(int pid, string name)
    {
        var line = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith(name, StringComparison.Ordinal));
        return double.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }
}
