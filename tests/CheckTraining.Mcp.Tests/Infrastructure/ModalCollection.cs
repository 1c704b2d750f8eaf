namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>Modal test classes share the suite-wide argv log; running them one at a time keeps "last call" assertions exact.</summary>
[CollectionDefinition(Name)]
public sealed class ModalCollection
{
    public const string Name = "modal";
}
