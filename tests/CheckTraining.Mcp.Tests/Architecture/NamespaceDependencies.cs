using System.Reflection;
using System.Reflection.Emit;

namespace CheckTraining.Mcp.Tests.Architecture;

/// <summary>
/// Which of the server's folders (namespaces below CheckTraining.Mcp) each folder really uses, read from the compiled
/// assembly: signatures, fields, base types, attributes (on types, members and parameters, with their typeof
/// arguments), locals, and every type, method and field token in the IL with a generic method's type arguments, so a
/// fully qualified name, a <c>var</c>, <c>Get&lt;T&gt;()</c> or an attribute counts as much as a using directive. External namespaces count as their first segment (e.g. "ModelContextProtocol").
/// </summary>
internal static class NamespaceDependencies
{
    private const string Root = "CheckTraining.Mcp";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Folder → the folders and external roots it uses ("(root)" for CheckTraining.Mcp itself).</summary>
    public static Dictionary<string, HashSet<string>> Of(Assembly assembly)
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.Namespace is not { } ns || !(ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal)))
            {
                continue; // Program, <PrivateImplementationDetails>, source generators' own namespaces
            }

            var from = Folder(type)!;

            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (var used in ReferencedTypes(type).SelectMany(Flatten))
            {
                if (Folder(used) is { } to && to != from)
                {
                    uses.Add(to);
                }
            }
        }

        return graph;
    }

    private static string? Folder(Type type)
    {
        var ns = type.Namespace;
        if (ns is null)
        {
            return null;
        }

        if (ns == Root)
        {
            return "(root)";
        }

        return ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : ns.Split('.')[0];
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Flatten(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().Where(a => !a.IsGenericParameter).SelectMany(Flatten))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } b)
        {
            yield return b;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var f in type.GetFields(all))
        {
            yield return f.FieldType;
            foreach (var t in AttributeTypes(f.GetCustomAttributesData()))
            {
                yield return t;
            }
        }

        foreach (var p in type.GetProperties(all))
        {
            yield return p.PropertyType;
            foreach (var t in AttributeTypes(p.GetCustomAttributesData()))
            {
                yield return t;
            }
        }

        foreach (var t in AttributeTypes(type.GetCustomAttributesData()))
        {
            yield return t;
        }

        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi)
            {
                yield return mi.ReturnType;
            }

            foreach (var t in AttributeTypes(m.GetCustomAttributesData()))
            {
                yield return t;
            }

            foreach (var p in m.GetParameters())
            {
                yield return p.ParameterType;
                foreach (var t in AttributeTypes(p.GetCustomAttributesData()))
                {
                    yield return t;
                }
            }

            foreach (var local in m.GetMethodBody()?.LocalVariables ?? [])
            {
                yield return local.LocalType;
            }

            foreach (var t in BodyTypes(type, m))
            {
                yield return t;
            }
        }
    }

    /// <summary>An attribute's own type and the types its arguments name (<c>[Attr(typeof(X))]</c>).</summary>
    private static IEnumerable<Type> AttributeTypes(IEnumerable<CustomAttributeData> attributes)
    {
        foreach (var a in attributes)
        {
            yield return a.AttributeType;
            foreach (var argument in a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)))
            {
                if (argument.Value is Type named)
                {
                    yield return named;
                }
            }
        }
    }

    /// <summary>Every type whose member the method body touches (calls, new, fields, casts, typeof).</summary>
    private static IEnumerable<Type> BodyTypes(Type owner, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArgs = owner.IsGenericType ? owner.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var op = OpCodesByValue[value];
            var size = OperandSize(op.OperandType, il, i);
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, i);
                foreach (var t in Resolve(method.Module, token, typeArgs, methodArgs))
                {
                    yield return t;
                }
            }

            i += size;
        }
    }

    /// <summary>The type a token names, or a member's declaring type plus a generic method's type arguments.</summary>
    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArgs, methodArgs);
        }
        catch (ArgumentException)
        {
            return []; // a token in a generic context we cannot rebuild; the signatures above still cover its types
        }

        return member switch
        {
            Type t => [t],
            MethodInfo { IsGenericMethod: true } generic => [generic.DeclaringType!, .. generic.GetGenericArguments().Where(a => !a.IsGenericParameter)],
            MemberInfo m when m.DeclaringType is { } declaring => [declaring],
            _ => [],
        };
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
