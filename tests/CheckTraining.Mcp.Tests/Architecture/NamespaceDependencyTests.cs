using CheckTraining.Mcp.Hosting;

namespace CheckTraining.Mcp.Tests.Architecture;

/// <summary>
/// The house's walls, read from the compiled server: backends know no feature and no MCP, renderers know no backend,
/// and no two folders depend on each other in a cycle.
/// </summary>
public sealed class NamespaceDependencyTests
{
    private static readonly string[] Backends = ["Wandb", "Modal", "Caching", "Configuration", "Json", "Redaction"];
    private static readonly string[] Features = ["Apps", "Check", "Checkpoints", "Diagnosis", "Compare", "Metrics", "Plots", "Rendering", "Watch", "Tools", "Prompts", "Hosting", "View"];
    private static readonly string[] McpLayer = ["Tools", "Prompts", "Hosting", "View"];

    private static readonly Dictionary<string, HashSet<string>> Graph = NamespaceDependencies.Of(typeof(CheckTrainingServices).Assembly);

    [Fact]
    public void The_graph_is_read_from_the_assembly()
    {
        // Guards the reader itself: known edges must show, or every rule below would pass on an empty graph.
        Assert.Contains("Wandb", Graph["Metrics"]);
        Assert.Contains("ModelContextProtocol", Graph["Tools"]);
        Assert.Contains("Metrics", Graph["Rendering"]);
    }

    [Theory]
    [InlineData("ProbeGenericArgument")]
    [InlineData("ProbeMemberAttribute")]
    [InlineData("ProbeTypeofArgument")]
    public void The_reader_sees_generic_method_arguments_member_attributes_and_typeof_in_attributes(string folder)
    {
        var probes = NamespaceDependencies.Of(typeof(NamespaceDependencyTests).Assembly);
        Assert.Contains("ProbeUsed", probes[folder]);
    }

    [Fact]
    public void Backends_know_no_feature()
    {
        var bad = Edges(Backends, Features);
        Assert.True(bad.Count == 0, "a backend uses a feature: " + string.Join(", ", bad));
    }

    [Fact]
    public void Redaction_knows_no_other_folder()
    {
        // The lowest layer: every backend and feature may redact, so it may use none of them.
        var ours = Graph.Keys.Where(k => k != "Redaction").ToArray();
        var bad = Edges(["Redaction"], [.. ours, "ModelContextProtocol"]);
        Assert.True(Graph.ContainsKey("Redaction") && bad.Count == 0, "Redaction uses: " + string.Join(", ", bad));
    }

    [Fact]
    public void Rendering_knows_no_backend_and_no_tool()
    {
        var bad = Edges(["Rendering"], [.. Backends.Except(["Json"]), .. McpLayer, "ModelContextProtocol"]);
        Assert.True(bad.Count == 0, "Rendering uses: " + string.Join(", ", bad));
    }

    [Fact]
    public void Only_the_tool_layer_and_hosts_know_MCP()
    {
        var others = Graph.Keys.Where(k => !McpLayer.Contains(k) && Graph.ContainsKey(k)).ToArray();
        var bad = Edges(others, ["ModelContextProtocol"]);
        Assert.True(bad.Count == 0, "MCP used below the tool layer: " + string.Join(", ", bad));
    }

    [Fact]
    public void The_root_knows_no_folder()
    {
        var ours = Graph.Keys.ToArray();
        var bad = Edges(["(root)"], ours);
        Assert.True(bad.Count == 0, "the root namespace uses: " + string.Join(", ", bad));
    }

    [Fact]
    public void No_two_folders_depend_on_each_other()
    {
        var cycles = new List<string>();
        foreach (var from in Graph.Keys)
        {
            foreach (var to in Graph[from].Where(Graph.ContainsKey))
            {
                if (string.CompareOrdinal(from, to) < 0 && Reaches(to, from))
                {
                    cycles.Add($"{from} ↔ {to}");
                }
            }
        }

        Assert.True(cycles.Count == 0, "import cycles: " + string.Join(", ", cycles));
    }

    private static List<string> Edges(IEnumerable<string> from, IEnumerable<string> to) =>
        from.Where(Graph.ContainsKey).SelectMany(f => Graph[f].Intersect(to).Select(t => $"{f} → {t}")).ToList();

    private static bool Reaches(string from, string target)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var next))
        {
            if (next == target)
            {
                return true;
            }

            foreach (var n in Graph.GetValueOrDefault(next, []).Where(seen.Add))
            {
                queue.Enqueue(n);
            }
        }

        return false;
    }
}
