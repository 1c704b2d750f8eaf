using System.Globalization;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Data folder and scenario switch for the fake <c>modal</c> executable (FakeModal/modal). Every invocation across the
/// whole suite is appended to one argv log, which <see cref="AssertOnlyAllowListed"/> checks.
/// </summary>
public sealed class FakeModal : IDisposable
{
    public const string Volume = "melee-training-data";

    /// <summary>One log for the whole test run, so the allow-list invariant covers every test.</summary>
    public static readonly string SuiteArgvLog = Path.Combine(Path.GetTempPath(), $"checktraining-argv-{System.Environment.ProcessId}.log");

    public FakeModal(DateTimeOffset now)
    {
        Root = Directory.CreateTempSubdirectory("checktraining-fakemodal-").FullName;
        Executable = Path.Combine(Root, "modal");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "FakeModal", "modal"), Executable);
        File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(Root, "suite-argv-log"), SuiteArgvLog); // for children that inherit no FAKE_MODAL_* variable
        WriteApps(now);
        Scenario = "ok";
    }

    public string Root { get; }

    public string Executable { get; }

    public string Scenario
    {
        set => File.WriteAllText(Path.Combine(Root, "scenario"), value);
    }

    public string RunFolder(string run) => Path.Combine(Root, "volumes", Volume, "checkpoints", run);

    /// <summary>Puts a file of random bytes at checkpoints/{run}/{file} on the fake volume.</summary>
    public byte[] AddCheckpoint(string run, string file, int bytes, int seed = 1)
    {
        var content = new byte[bytes];
        new Random(seed).NextBytes(content);
        Directory.CreateDirectory(RunFolder(run));
        File.WriteAllBytes(Path.Combine(RunFolder(run), file), content);
        return content;
    }

    /// <summary>This fake's own invocations (the suite log holds every fake's, from classes running in parallel).</summary>
    public IReadOnlyList<string[]> OwnInvocations => File.Exists(Path.Combine(Root, "argv.log"))
        ? File.ReadAllLines(Path.Combine(Root, "argv.log")).Select(l => l.Split('\x1f')[1..]).ToList()
        : [];

    /// <summary>Replaces what <c>modal app list --json</c> prints (current key style).</summary>
    public void SetApps(params (string Id, string Name, string State, int Tasks, DateTimeOffset Created, DateTimeOffset? Stopped)[] apps)
    {
        static string T(DateTimeOffset? t) => t is { } v ? "\"" + v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'+00:00'", CultureInfo.InvariantCulture) + "\"" : "null";
        File.WriteAllText(Path.Combine(Root, "apps.json"), "[" + string.Join(",\n", apps.Select(a =>
            $$"""{"app_id": "{{a.Id}}", "description": "{{a.Name}}", "state": "{{a.State}}", "tasks": "{{a.Tasks}}", "created_at": {{T(a.Created)}}, "stopped_at": {{T(a.Stopped)}}}""")) + "]");
    }

    /// <summary>What <c>modal app logs</c> prints for the app (with --timestamps prefixes).</summary>
    public void SetAppLogs(string appId, params string[] lines) => File.WriteAllLines(Path.Combine(Root, $"logs-{appId}.txt"), lines);

    /// <summary>Restores the default app list.</summary>
    public void ResetApps(DateTimeOffset now) => WriteApps(now);

    public string EnvLog => File.Exists(Path.Combine(Root, "env.log")) ? File.ReadAllText(Path.Combine(Root, "env.log")) : "";

    public int? HangChildPid => File.Exists(Path.Combine(Root, "hang-child.pid"))
        ? int.Parse(File.ReadAllText(Path.Combine(Root, "hang-child.pid")).Trim(), CultureInfo.InvariantCulture)
        : null;

    /// <summary>The same, as settings for an in-process server (the fake finds its data beside itself).</summary>
    public Dictionary<string, string?> InProcessSettings(string checkpointsDir) => new()
    {
        ["Modal:CliPath"] = Executable,
        ["Checkpoints:Directory"] = checkpointsDir,
    };

    public Dictionary<string, string?> ServerEnvironment(string checkpointsDir) => new()
    {
        ["CHECKTRAINING_Modal__CliPath"] = Executable,
        ["CHECKTRAINING_Checkpoints__Directory"] = checkpointsDir,
    };

    /// <summary>
    /// The invariant: nothing outside the read-only allow-list was ever executed, checked on the exact argv.
    /// This re-states the allow-list independently of the production code.
    /// </summary>
    public static void AssertOnlyAllowListed()
    {
        if (!File.Exists(SuiteArgvLog))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(SuiteArgvLog))
        {
            var argv = line.Split('\x1f')[1..];
            Assert.True(IsAllowListed(argv), "not allow-listed: modal " + string.Join(' ', argv));
        }
    }

    /// <summary>Suite-wide: every variable name each modal child inherited.</summary>
    public static string SuiteEnvLog => SuiteArgvLog + ".env";

    /// <summary>The second invariant: every modal child, in the whole suite, inherited only allowed names.</summary>
    public static void AssertNoSecretsInherited()
    {
        if (!File.Exists(SuiteEnvLog))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(SuiteEnvLog))
        {
            var names = line.Split('\x1f') is [_, var list] ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            var leaked = names.Where(n => !IsAllowedName(n)).ToList();
            Assert.True(leaked.Count == 0, "the modal child inherited: " + string.Join(' ', leaked));
        }
    }

    /// <summary>
    /// The environment allow-list, re-stated independently of the production code: PATH, HOME, USER, the locale, TZ,
    /// TMPDIR, MODAL_*, proxies, certificates, and the terminal-hygiene names the adapter sets.
    /// </summary>
    public static bool IsAllowedName(string name) =>
        name is "PATH" or "HOME" or "USER" or "LANG" or "TZ" or "TMPDIR" or "REQUESTS_CA_BUNDLE" or "CURL_CA_BUNDLE"
            or "COLUMNS" or "NO_COLOR" or "TERM" or "PYTHONIOENCODING" or "PYTHONUTF8"
        || name.ToUpperInvariant() is "HTTP_PROXY" or "HTTPS_PROXY" or "NO_PROXY" or "ALL_PROXY"
        || name.StartsWith("LC_", StringComparison.Ordinal) || name.StartsWith("MODAL_", StringComparison.Ordinal)
        || name.StartsWith("SSL_CERT_", StringComparison.Ordinal);

    /// <summary>The variable names this fake's last invocation inherited.</summary>
    public IReadOnlyList<string> LastEnvironmentNames => File.Exists(Path.Combine(Root, "env-names.log"))
        ? File.ReadAllLines(Path.Combine(Root, "env-names.log"))
        : [];

    public static bool IsAllowListed(string[] a) => a switch
    {
        ["--version"] => true,
        ["app", "list", "--json"] => true,
        ["app", "logs", "--tail", var n, "--timestamps", "--", var app] => int.TryParse(n, out var tail) && tail is >= 1 and <= 1000
            && app.StartsWith("ap-", StringComparison.Ordinal) && Safe(app),
        ["volume", "ls", "--json", "--", var vol, var path] => Safe(vol) && Safe(path),
        ["volume", "get", "--", var vol, var path, var dest] => Safe(vol) && Safe(path)
            && Path.GetFileName(dest).StartsWith(".checktraining-partial-", StringComparison.Ordinal),
        _ => false,
    };

    private static bool Safe(string s) => !s.Contains('*') && !s.Split('/').Contains("..") && !s.Any(char.IsControl);

    private void WriteApps(DateTimeOffset now)
    {
        string T(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        var running = now.AddHours(-4.2);
        var stoppedStart = now.AddHours(-30);
        var stoppedEnd = now.AddHours(-26);
        File.WriteAllText(Path.Combine(Root, "apps.json"), $$"""
            [
              {"app_id": "ap-AbCdEfGhIjKlMnOpQrStUv", "description": "melee-train", "state": "ephemeral (detached)", "tasks": "1", "created_at": "{{T(running)}}", "stopped_at": null},
              {"app_id": "ap-ZyXwVuTsRqPoNmLkJiHgFe", "description": "melee-train", "state": "stopped", "tasks": "0", "created_at": "{{T(stoppedStart)}}", "stopped_at": "{{T(stoppedEnd)}}"},
              {"app_id": "ap-Dep1oyedAppWithZeroTsk", "description": "melee-eval-api", "state": "deployed", "tasks": "0", "created_at": "{{T(now.AddDays(-3))}}", "stopped_at": null}
            ]
            """);
        // CLI 0.62.147 - 1.4.x: display names as keys; a non-UTC offset, as a CLI in another zone prints it.
        var offset = TimeSpan.FromHours(-5);
        File.WriteAllText(Path.Combine(Root, "apps-old.json"), $$"""
            [
              {"App ID": "ap-AbCdEfGhIjKlMnOpQrStUv", "Description": "melee-train", "State": "ephemeral (detached)", "Tasks": "1", "Created at": "{{running.ToOffset(offset).ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture)}}", "Stopped at": null}
            ]
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
