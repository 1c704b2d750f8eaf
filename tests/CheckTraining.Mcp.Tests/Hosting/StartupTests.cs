using System.Diagnostics;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>Bad configuration stops the server at start with a message naming the setting: no stack trace, nothing on stdout.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("WANDB_BASE_URL", "not a url", "Wandb:BaseUrl (WANDB_BASE_URL) must be an absolute http(s) URL")]
    [InlineData("CHECKTRAINING_Wandb__TimeoutSeconds", "-1", "Wandb:TimeoutSeconds (CHECKTRAINING_Wandb__TimeoutSeconds) must be a positive number")]
    [InlineData("CHECKTRAINING_Checkpoints__PathTemplate", "/checkpoints", "Checkpoints:PathTemplate (CHECKTRAINING_Checkpoints__PathTemplate) must be a volume path containing {run}")]
    [InlineData("CHECKTRAINING_Checkpoints__PathTemplate", "/checkpoints/../{run}", "without '..' or wildcards")]
    [InlineData("CHECKTRAINING_Checkpoints__Volume", "vol*", "Checkpoints:Volume (CHECKTRAINING_Checkpoints__Volume) must name a Modal volume")]
    [InlineData("CHECKTRAINING_Metrics__DefaultGpuCount", "0", "Metrics:DefaultGpuCount (CHECKTRAINING_Metrics__DefaultGpuCount) must be at least 1")]
    [InlineData("CHECKTRAINING_Cache__TtlSeconds", "-1", "Cache:TtlSeconds (CHECKTRAINING_Cache__TtlSeconds) must be between 0 (off) and 3600")]
    [InlineData("CHECKTRAINING_Cache__Redis", "localhost,badoption=1", "Cache:Redis (CHECKTRAINING_Cache__Redis) is not a valid StackExchange.Redis connection string")]
    [InlineData("CHECKTRAINING_Wandb__TimeoutSeconds", "abc", "Wandb:TimeoutSeconds (CHECKTRAINING_Wandb__TimeoutSeconds) must be a number.")]
    [InlineData("CHECKTRAINING_Tools__OutputSchemas", "yes", "Tools:OutputSchemas (CHECKTRAINING_Tools__OutputSchemas) must be true or false.")]
    [InlineData("CHECKTRAINING_Stdio__MaxMessageBytes", "4MB", "Stdio:MaxMessageBytes (CHECKTRAINING_Stdio__MaxMessageBytes) must be a whole number.")]
    public async Task Invalid_settings_are_named_at_start_up(string variable, string value, string expected)
    {
        var psi = new ProcessStartInfo(RepoPaths.ServerLaunch.Command, RepoPaths.ServerLaunch.Arguments)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true,
        };
        psi.Environment[variable] = value;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", await stdout);
    }

    [Fact]
    public async Task An_unknown_tool_is_a_protocol_error_and_one_warning_line_not_a_stack_trace()
    {
        await using var server = await McpServerProcess.StartAsync(new Dictionary<string, string?>());
        var ex = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(
            () => server.CallAsync("no_such_tool", null, TestContext.Current.CancellationToken));
        Assert.Equal(ModelContextProtocol.McpErrorCode.InvalidParams, ex.ErrorCode);
        await Eventually.HoldsAsync(() => server.Stderr.Contains("no_such_tool", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        var lines = server.Stderr.Split('\n');
        var warning = Assert.Single(lines, l => l.Contains("no_such_tool", StringComparison.Ordinal));
        Assert.Contains("warn", warning);
        Assert.Contains("-32602", warning);
        Assert.DoesNotContain(lines, l => l.StartsWith("   at ", StringComparison.Ordinal) || l.Contains("McpProtocolException", StringComparison.Ordinal));
        // A client pipes stdin: the line for a person at a terminal (TerminalStartTests) is not written for it.
        Assert.DoesNotContain(lines, l => l.Contains("waiting for an MCP client", StringComparison.Ordinal));
    }
}
