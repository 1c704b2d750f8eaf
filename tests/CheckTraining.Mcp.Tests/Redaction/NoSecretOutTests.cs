using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Redaction;

/// <summary>
/// A run that printed a credential in every shape, and whose config holds secrets, read through the real server and a
/// real MCP client: no secret value leaves it, and the words around each one do.
/// </summary>
public sealed class NoSecretOutTests(LeakyRunFixture fx) : FreshServerPerTest, IClassFixture<LeakyRunFixture>
{
    protected override CheckServerFixture Fixture => fx;

    [Fact]
    public async Task Get_run_logs_shows_every_line_with_no_secret_value_and_the_words_around_each()
    {
        var result = await fx.Server.CallAsync("get_run_logs", new() { ["run"] = LeakyRunFixture.LeakyId, ["tail"] = 200 }, TestContext.Current.CancellationToken);
        var console = result.Structured().GetProperty("console");
        var lines = console.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();
        AssertNoSecret(result.Text() + result.Structured().GetRawText());
        AssertWordsKept(lines);
        Assert.Contains("commit 3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c", lines); // a git sha is no key
        Assert.Equal("RuntimeError: could not reach postgresql://trainer:[redacted]@db.internal:5432/runs with Bearer [redacted]",
            console.GetProperty("error").GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_Modal_fallback_redacts_the_same_console()
    {
        var app = fx.GiveAppTo(LeakyRunFixture.QuietLeakyId, live: false);
        fx.Modal.SetAppLogs(app, [.. SecretFixtures.Console.Select(l => "2026-12-02 01:00:00+00:00 " + l)]);
        var result = await fx.Server.CallAsync("get_run_logs", new() { ["run"] = LeakyRunFixture.QuietLeakyId, ["tail"] = 200 }, TestContext.Current.CancellationToken);
        var console = result.Structured().GetProperty("console");
        Assert.Equal($"Modal app logs ({app})", console.GetProperty("source").GetString());
        AssertNoSecret(result.Text() + result.Structured().GetRawText());
        AssertWordsKept(console.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList());
    }

    [Fact]
    public async Task Check_training_names_the_error_with_its_secrets_redacted()
    {
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = LeakyRunFixture.LeakyId }, TestContext.Current.CancellationToken);
        var all = result.Text() + result.Structured().GetRawText();
        AssertNoSecret(all);
        Assert.Contains("postgresql://trainer:[redacted]@db.internal:5432/runs", result.Text());
    }

    [Fact]
    public async Task Compare_runs_blanks_secret_config_values_and_shows_the_harmless_ones()
    {
        var result = await fx.Server.CallAsync("compare_runs", new() { ["run"] = LeakyRunFixture.LeakyId, ["baseline"] = LeakyRunFixture.BaselineId },
            TestContext.Current.CancellationToken);
        var r = result.Structured();
        var differences = r.GetProperty("configDifferences").EnumerateArray().ToDictionary(d => d.GetProperty("key").GetString()!);
        foreach (var key in new[] { "aws_secret_access_key", "db_url", "hf_token", "storage.endpoint" })
        {
            Assert.Equal("[redacted]", differences[key].GetProperty("run").GetString());
            Assert.Equal("[redacted]", differences[key].GetProperty("baseline").GetString());
        }

        Assert.Equal("0.0003", differences["learning_rate"].GetProperty("run").ToString());
        Assert.Equal("0.001", differences["learning_rate"].GetProperty("baseline").ToString());
        var all = result.Text() + r.GetRawText();
        foreach (var secret in LeakyRunFixture.ConfigSecrets)
        {
            Assert.DoesNotContain(secret, all);
        }
    }

    private static void AssertNoSecret(string text)
    {
        Assert.Equal(0, SecretFixtures.LeakedShapes(text));
        foreach (var secret in SecretFixtures.Secrets)
        {
            Assert.DoesNotContain(secret, text);
        }
    }

    private static void AssertWordsKept(List<string> lines)
    {
        var text = string.Join('\n', lines);
        foreach (var leak in SecretFixtures.Leaks)
        {
            Assert.All(leak.Kept, k => Assert.True(text.Contains(k, StringComparison.Ordinal), $"{leak.Shape}: lost \"{k}\""));
        }

        Assert.Contains("-----BEGIN PRIVATE KEY-----", lines);
        Assert.Contains("-----END PRIVATE KEY-----", lines);
        Assert.Contains("loading deploy key:", lines);
    }
}

/// <summary>The check-server setting with a leaky crashed run (console every shape, config with secrets), its baseline, and a quiet twin.</summary>
public sealed class LeakyRunFixture : CheckServerFixture
{
    public const string LeakyId = "leaky001";
    public const string QuietLeakyId = "leakyq01";
    public const string BaselineId = "leakbas1";

    public static readonly string[] ConfigSecrets =
        ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAbaselineSecret/K7MDENG", "Tr41nPassw0rd", "basePassw0rd", "hf_leakyRunSecret0001", "hf_leakyBaseSecret0002",
         "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "ghp_ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210"];

    protected override void Seed(FakeWandbData data)
    {
        var runs = data.Project(WandbFixtures.Entity, WandbFixtures.Project);
        var created = Now.AddHours(-DiagnosisFixtures.RunAgeHours);
        runs.Add(WithSecrets(DiagnosisFixtures.Run(LeakyId, "leaky-run", "crashed", created, Now, lastLogAgo: 100, heartbeatAgo: 99, gpu: _ => 90,
            arch: "leaky-arch", console: [.. SecretFixtures.Console.Select(l => (false, l))]), isRun: true));
        runs.Add(DiagnosisFixtures.Run(QuietLeakyId, "leaky-quiet", "crashed", Now.AddHours(-2), Now, lastLogAgo: 100, heartbeatAgo: 99, gpu: _ => 90,
            arch: "leaky-quiet-arch", console: null));
        runs.Add(WithSecrets(DiagnosisFixtures.Run(BaselineId, "leaky-baseline", "finished", Now.AddHours(-30), Now, lastLogAgo: 26 * 60, heartbeatAgo: 26 * 60,
            gpu: _ => 90, arch: "leaky-arch", epochs: 2), isRun: false));
    }

    private static FakeRun WithSecrets(FakeRun fake, bool isRun)
    {
        var i = isRun ? 0 : 1;
        fake.Config.Remove("hf_token");
        fake.Config["aws_secret_access_key"] = ConfigSecrets[i];
        fake.Config["db_url"] = $"postgresql://trainer:{ConfigSecrets[2 + i]}@db.internal:5432/runs";
        fake.Config["hf_token"] = ConfigSecrets[4 + i];
        // A harmless key whose value has a secret shape: blanked by the shape, not the name.
        fake.Config["storage"] = new System.Text.Json.Nodes.JsonObject { ["endpoint"] = $"https://{ConfigSecrets[6 + i]}@github.com/org/ckpt" };
        fake.Config["learning_rate"] = isRun ? 0.0003 : 0.001;
        return fake;
    }

    /// <summary>Gives the run its own stopped Modal app, created 2 minutes before it.</summary>
    public string GiveAppTo(string runId, bool live)
    {
        var appId = "ap-" + (runId + "AppAAAAAAAAAAAAAAAAAA")[..22];
        var created = Now.AddHours(-2).AddMinutes(-2);
        Modal.SetApps((appId, "melee-train", live ? "ephemeral (detached)" : "stopped", live ? 1 : 0, created, live ? null : Now.AddMinutes(-99)));
        return appId;
    }
}
