namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>Benchmarks run alone, one after another: figures taken while other tests load the two cores mean nothing.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchmarkCollection
{
    public const string Name = "benchmarks";
}
