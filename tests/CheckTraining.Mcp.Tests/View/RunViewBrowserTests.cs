using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.DiagnosisFixtures;

namespace CheckTraining.Mcp.Tests.View;

/// <summary>
/// The run view in a real browser: headless Chromium, the official MCP Apps host bridge, a strict CSP, and real
/// check_training results from the real server (over stdio, against the fake W&amp;B and fake modal) for a healthy, a
/// crashed, a hung and a diverged (NaN) run. The browser side is tests/browser/run-view.test.mjs; its tool calls
/// (Refresh, the 60 s auto refresh) come back here and go to the same server.
/// Screenshots land in the test's folder; CHECKTRAINING_UPDATE_SNAPSHOTS=1 also copies the healthy and crashed ones to docs/.
/// </summary>
public sealed class RunViewBrowserTests(RunViewServerFixture fx) : IClassFixture<RunViewServerFixture>, IDisposable
{
    private sealed record Case(string Name, string Run, string DisplayName, string Verdict, string Severity, bool LiveApp, int MinPoints,
        string? ErrorLine = null, bool Refresh = false, bool StaysStill = false, string? Theme = null, string? SwitchTheme = null,
        bool Baseline = false, string ModalDashboardUrl = RunViewServerFixture.DashboardUrl);

    private static readonly Case[] Cases =
    [
        new("healthy", HealthyId, "healthy-run", "healthy", "ok", LiveApp: true, MinPoints: 250, Refresh: true, Baseline: true),
        new("crashed", CrashedId, "crashed-run", "crashed", "bad", LiveApp: false, MinPoints: 250, ErrorLine: "CUDA out of memory", StaysStill: true),
        new("hung", HungId, "hung-run", "hung", "bad", LiveApp: true, MinPoints: 250, Theme: "dark", SwitchTheme: "light"),
        // The loss is NaN from 40 % on: the curve holds only the finite part.
        new("nan", NanId, "nan-run", "diverged", "bad", LiveApp: true, MinPoints: 100),
    ];

    public void Dispose()
    {
        fx.Modal.ResetApps(fx.Now);
        fx.Modal.Scenario = "ok";
        fx.Wandb.ChangeAt(DateTimeOffset.MinValue, d => FakeWandbServer.Replace(d, WandbFixtures.Entity, WandbFixtures.Project, HealthyRun("running")));
    }

    /// <summary>The healthy run as DiagnosisFixtures seeds it, in the given state.</summary>
    private FakeRun HealthyRun(string state) =>
        DiagnosisFixtures.Run(HealthyId, "healthy-run", state, fx.Now.AddHours(-RunAgeHours), fx.Now, lastLogAgo: 1, heartbeatAgo: 1, gpu: _ => 96);

    [Fact]
    public async Task The_view_renders_real_results_under_a_strict_CSP_and_Refresh_reaches_the_server()
    {
        if (BrowserPrerequisites.Missing() is { } why)
        {
            Assert.False(BrowserPrerequisites.Required, why + " (CHECKTRAINING_TEST_BROWSER=required)");
            Assert.Skip(why);
        }

        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("checktraining-view-").FullName;
        var read = await fx.Server.Client.ReadResourceAsync("ui://check-training/run", cancellationToken: ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "view.html"), ((TextResourceContents)read.Contents[0]).Text, ct);

        var cases = new JsonArray();
        foreach (var c in Cases)
        {
            fx.GiveAppTo(c.Run, live: c.LiveApp);
            var result = await fx.Server.CallAsync("check_training", new() { ["run"] = c.Run }, ct);
            Assert.Equal(c.Verdict, result.Structured().GetProperty("verdict").GetProperty("code").GetString());
            var entry = JsonSerializer.SerializeToNode(c, CaseJson)!.AsObject(); // camelCase: modalDashboardUrl, baseline, …
            entry["result"] = JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions);
            cases.Add(entry);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "cases.json"), cases.ToJsonString(), ct);
        fx.GiveAppTo(HealthyId); // the refreshes are of the healthy run
        var started = DateTimeOffset.UtcNow;
        var (exit, output, figures, answered) = await RunBrowserAsync(dir, ct);

        Assert.True(exit == 0 && figures is not null, $"the browser test failed (exit {exit}):\n{output}");
        // Every tools/call that reached the host past the injected failure and the dropped call reached the server:
        // Refresh, the automatic refresh, the retry after the failure, a Refresh while hidden, the catch-up on becoming
        // visible, the next tick, the retry after the dropped call and the one that found the run ended. Real W&B reads
        // behind each.
        Assert.Equal(8, answered);
        Assert.Equal(answered, figures!["calls"]!.GetValue<int>());
        Assert.True(fx.Wandb.RequestsSince(started).Count >= answered, "the refreshes never reached the fake W&B");
        TestContext.Current.TestOutputHelper?.WriteLine("browser figures: " + figures.ToJsonString());
        foreach (var name in new[] { "healthy", "crashed", "hung", "nan", "healthy-narrow" })
        {
            AssertPng(Path.Combine(dir, name + ".png"));
        }

        if (Environment.GetEnvironmentVariable("CHECKTRAINING_UPDATE_SNAPSHOTS") == "1")
        {
            foreach (var name in new[] { "healthy", "crashed" })
            {
                File.Copy(Path.Combine(dir, name + ".png"), Path.Combine(RepoPaths.RepoRoot, "docs", $"run-view-{name}.png"), overwrite: true);
            }
        }
    }

    /// <summary>The test wrote a real picture: a PNG of some size, not an empty or truncated file.</summary>
    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), path + " was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} is {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }

    private static readonly JsonSerializerOptions CaseJson = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    /// <summary>Runs the Node script, answering each of its "CALL" lines with the server's real result.</summary>
    private async Task<(int Exit, string Output, JsonObject? Figures, int Answered)> RunBrowserAsync(string dir, CancellationToken ct)
    {
        var start = new ProcessStartInfo(BrowserPrerequisites.Node!, ["run-view.test.mjs", dir])
        {
            WorkingDirectory = BrowserPrerequisites.Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CHECKTRAINING_TEST_CHROMIUM"] = BrowserPrerequisites.Chromium;
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync(ct);
        var output = new List<string>();
        JsonObject? figures = null;
        var answered = 0;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(3)); // a hung browser fails the test, never hangs it
        try
        {
            while (await node.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                output.Add(line);
                if (line.StartsWith("CALL ", StringComparison.Ordinal))
                {
                    var call = JsonNode.Parse(line[5..])!;
                    var args = call["arguments"]?.AsObject().ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone()) ?? [];
                    var result = await fx.Server.CallAsync(call["name"]!.GetValue<string>(), args, limit.Token);
                    await node.StandardInput.WriteLineAsync(JsonSerializer.Serialize(result, McpJsonUtilities.DefaultOptions));
                    await node.StandardInput.FlushAsync(limit.Token);
                    answered++;
                }
                else if (line.StartsWith("END ", StringComparison.Ordinal))
                {
                    // The run ends as a real one does: W&B says finished, and its Modal app has stopped.
                    Assert.Equal(HealthyId, line[4..]);
                    fx.Wandb.ChangeAt(DateTimeOffset.MinValue, d => FakeWandbServer.Replace(d, WandbFixtures.Entity, WandbFixtures.Project, HealthyRun("finished")));
                    fx.GiveAppTo(HealthyId, live: false, stoppedMinutesAgo: 0.5);
                    await node.StandardInput.WriteLineAsync("OK");
                    await node.StandardInput.FlushAsync(limit.Token);
                }
                else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    figures = JsonNode.Parse(line[7..])!.AsObject();
                }
            }

            await node.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }

        return (node.ExitCode, string.Join('\n', output) + "\n" + await stderr, figures, answered);
    }
}

/// <summary>The diagnosis fixtures' server with a Modal dashboard configured, so the view draws its link.</summary>
public sealed class RunViewServerFixture : DiagnosisServerFixture
{
    public const string DashboardUrl = "https://modal.com/apps/test-workspace/main";

    protected override void Configure(Dictionary<string, string?> environment)
    {
        base.Configure(environment);
        environment["CHECKTRAINING_Modal__DashboardUrl"] = DashboardUrl;
        // Isolates the view from the cache: the page's 60 s refreshes run on its own fake clock within a second of real
        // time, inside the server's 10 s TTL, so a cached answer would stand in for the run that the test ends.
        environment["CHECKTRAINING_Cache__TtlSeconds"] = "0";
    }
}
