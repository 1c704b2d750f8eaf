// Probe folders for the dependency reader's own test: each uses the next only in one way the reader must see.
// They live in the test assembly, so they never touch the server's graph.
namespace CheckTraining.Mcp.ProbeGenericArgument
{
    internal static class UsesOnlyAsTypeArgument
    {
        public static int Count() => System.Array.Empty<CheckTraining.Mcp.ProbeUsed.Target>().Length + Make<CheckTraining.Mcp.ProbeUsed.Target>();

        private static int Make<T>() => 0;
    }
}

namespace CheckTraining.Mcp.ProbeMemberAttribute
{
    internal sealed class UsesOnlyAsMemberAttribute
    {
        [CheckTraining.Mcp.ProbeUsed.Marker]
        public int Field = 1;

        public int Method([CheckTraining.Mcp.ProbeUsed.Marker] int x) => x + Field;
    }
}

namespace CheckTraining.Mcp.ProbeTypeofArgument
{
    [System.ComponentModel.TypeConverter(typeof(CheckTraining.Mcp.ProbeUsed.Target))]
    internal sealed class UsesOnlyInAnAttributesTypeof;
}

namespace CheckTraining.Mcp.ProbeUsed
{
    [System.AttributeUsage(System.AttributeTargets.All)]
    internal sealed class MarkerAttribute : System.Attribute;

    internal sealed class Target;
}
