using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Validates GraphQL documents against the vendored Schema/wandb-schema.graphql (the public subset merged with the
/// extensions the official clients use), without executing them.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly Lazy<ISchema> SharedSchema = new(Build);

    public static SchemaValidator Instance { get; } = new();

    /// <summary>Returns the validation errors; empty when the document is a valid read-only query.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string query, string? operationName, IReadOnlyDictionary<string, object?>? variables)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (Exception ex)
        {
            return ["parse error: " + ex.Message];
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var errors = new List<string>();
        if (operations.Any(o => o.Operation != OperationType.Query))
        {
            errors.Add("only query operations are allowed (found a mutation or subscription)");
        }

        var operation = operations.FirstOrDefault(o => operationName is null || o.Name?.StringValue == operationName) ?? operations.FirstOrDefault();
        if (operation is null)
        {
            return ["no operation in document"];
        }

        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = SharedSchema.Value,
            Document = document,
            Operation = operation,
            Variables = variables is null ? Inputs.Empty : new Inputs(variables.ToDictionary(kv => kv.Key, kv => kv.Value)),
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = null!,
            User = null,
        });
        errors.AddRange(result.Errors.Select(e => e.Message));
        return errors;
    }

    private static ISchema Build()
    {
        var sdl = File.ReadAllText(RepoPaths.WandbSchema);
        var parsed = GraphQLParser.Parser.Parse(sdl);
        var abstractTypes = parsed.Definitions.OfType<GraphQLUnionTypeDefinition>().Select(u => u.Name.StringValue)
            .Concat(parsed.Definitions.OfType<GraphQLInterfaceTypeDefinition>().Select(i => i.Name.StringValue)).ToList();
        var schema = Schema.For(sdl, builder =>
        {
            foreach (var name in abstractTypes)
            {
                builder.Types.For(name).ResolveType = _ => null!;
            }
        });
        foreach (var scalar in parsed.Definitions.OfType<GraphQLScalarTypeDefinition>())
        {
            schema.RegisterType(new PassThroughScalar(scalar.Name.StringValue));
        }

        schema.Initialize();
        return schema;
    }

    private sealed class PassThroughScalar : ScalarGraphType
    {
        public PassThroughScalar(string name) => Name = name;

        public override object? ParseLiteral(GraphQLValue value) => value;

        public override object? ParseValue(object? value) => value;

        public override bool CanParseLiteral(GraphQLValue value) => true;

        public override bool CanParseValue(object? value) => true;
    }
}
