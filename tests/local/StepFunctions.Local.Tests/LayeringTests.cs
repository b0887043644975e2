using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using StepFunctions.Local.Core;
using Xunit.Abstractions;

using System.Reflection.Metadata.Ecma335;

namespace StepFunctions.Local.Tests;

/// <summary>The executor's namespaces form layers: no namespace depends, directly or through others, on itself.
/// Reads the compiled assembly, so every type reference counts, including those that need no <c>using</c>
/// (types of an enclosing namespace): signatures, base types, interfaces, attributes, generic arguments and
/// constraints, locals, and the operands of every IL instruction (closures and async state machines are
/// nested types, so their references count for the namespace that declares them). Constants are inlined by
/// the compiler and leave no reference; every other use does.</summary>
public sealed class LayeringTests(ITestOutputHelper output)
{
    [Fact]
    public void Namespace_dependency_graph_has_no_cycle()
    {
        var graph = NamespaceGraph.Read(typeof(LocalStateMachine).Assembly.Location, "StepFunctions.Local");
        foreach (var (from, to) in graph.Edges.Keys.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal))
        {
            output.WriteLine($"{from} -> {to}   (e.g. {graph.Edges[(from, to)]})");
        }
        var cycle = graph.FindCycle();
        Assert.True(cycle is null, cycle is null ? "" : "Namespace cycle:" + Environment.NewLine + string.Join(Environment.NewLine,
            cycle.Zip(cycle.Skip(1).Append(cycle[0]), (a, b) => $"  {a} -> {b}   (e.g. {graph.Edges[(a, b)]})")));
    }

    [Fact]
    public void The_reader_sees_references_that_need_no_using()
    {
        // Guards the check itself: the facade and the Json helpers are known to be used from the layers below.
        var graph = NamespaceGraph.Read(typeof(LocalStateMachine).Assembly.Location, "StepFunctions.Local");
        Assert.Contains(graph.Edges.Keys, e => e.From == "StepFunctions.Local.States");
        Assert.Contains(graph.Edges.Keys, e => e.To == typeof(Json).Namespace && e.From != e.To);
        Assert.Contains(graph.Edges.Keys, e => e.From == typeof(LocalStateMachine).Namespace);
    }

    [Fact]
    public void A_cycle_is_found_and_printed()
    {
        var graph = new NamespaceGraph();
        graph.Add("A", "B", "A.X -> B.Y");
        graph.Add("B", "C", "B.Y -> C.Z");
        graph.Add("C", "A", "C.Z -> A.X");
        graph.Add("C", "D", "C.Z -> D.W");
        Assert.Equal(["A", "B", "C"], graph.FindCycle());
        graph = new NamespaceGraph();
        graph.Add("A", "B", "");
        graph.Add("A", "C", "");
        graph.Add("B", "C", "");
        Assert.Null(graph.FindCycle());
    }
}

/// <summary>Namespace → namespace edges of one assembly, each with an example reference for the failure message.</summary>
internal sealed class NamespaceGraph
{
    public Dictionary<(string From, string To), string> Edges { get; } = [];

    public void Add(string from, string to, string example) => Edges.TryAdd((from, to), example);

    /// <summary>One cycle (its namespaces in order), or null.</summary>
    public List<string>? FindCycle()
    {
        var next = Edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(to) == 1)
                {
                    return path[path.IndexOf(to)..];
                }
                if (state.GetValueOrDefault(to) == 0 && Visit(to) is { } found)
                {
                    return found;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in next.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    public static NamespaceGraph Read(string assemblyPath, string rootNamespace)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var graph = new NamespaceGraph();
        var collector = new ReferenceCollector(reader);
        foreach (var handle in reader.TypeDefinitions)
        {
            collector.Collect(handle, pe);
            var from = Namespace(reader, handle);
            foreach (var target in collector.Found)
            {
                var to = Namespace(reader, target);
                if (from != to && InRoot(from, rootNamespace) && InRoot(to, rootNamespace))
                {
                    graph.Add(from, to, $"{Name(reader, handle)} uses {Name(reader, target)}");
                }
            }
        }
        return graph;
    }

    private static bool InRoot(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static string Namespace(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = reader.GetTypeDefinition(outer);
        }
        return reader.GetString(type.Namespace);
    }

    private static string Name(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } outer ? Name(reader, outer) + "+" + name : reader.GetString(type.Namespace) + "." + name;
    }
}

/// <summary>Every type definition of the same assembly that one type definition refers to.</summary>
internal sealed class ReferenceCollector(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    public HashSet<TypeDefinitionHandle> Found { get; } = [];

    public void Collect(TypeDefinitionHandle handle, PEReader pe)
    {
        Found.Clear();
        var type = reader.GetTypeDefinition(handle);
        AddType(type.BaseType);
        foreach (var i in type.GetInterfaceImplementations())
        {
            AddType(reader.GetInterfaceImplementation(i).Interface);
        }
        AddAttributes(type.GetCustomAttributes());
        AddGenericParameters(type.GetGenericParameters());
        foreach (var f in type.GetFields())
        {
            var field = reader.GetFieldDefinition(f);
            Found.UnionWith(field.DecodeSignature(this, null));
            AddAttributes(field.GetCustomAttributes());
        }
        foreach (var p in type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(p);
            AddSignature(property.DecodeSignature(this, null));
            AddAttributes(property.GetCustomAttributes());
        }
        foreach (var e in type.GetEvents())
        {
            var ev = reader.GetEventDefinition(e);
            AddType(ev.Type);
            AddAttributes(ev.GetCustomAttributes());
        }
        foreach (var i in type.GetMethodImplementations())
        {
            var impl = reader.GetMethodImplementation(i);
            AddMember(impl.MethodDeclaration);
        }
        foreach (var m in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(m);
            AddSignature(method.DecodeSignature(this, null));
            AddAttributes(method.GetCustomAttributes());
            AddGenericParameters(method.GetGenericParameters());
            foreach (var p in method.GetParameters())
            {
                AddAttributes(reader.GetParameter(p).GetCustomAttributes());
            }
            if (method.RelativeVirtualAddress != 0)
            {
                AddBody(pe.GetMethodBody(method.RelativeVirtualAddress));
            }
        }
    }

    private void AddBody(MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null))
            {
                Found.UnionWith(local);
            }
        }
        foreach (var region in body.ExceptionRegions)
        {
            AddType(region.CatchType);
        }
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }
            switch (Operands[code])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    // Read the count first: "il.Offset += 4 * il.ReadInt32()" would read Offset before the count
                    // and so land 4 bytes short.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    AddMember(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
    }

    private void AddAttributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var a in attributes)
        {
            AddMember(reader.GetCustomAttribute(a).Constructor);
        }
    }

    private void AddGenericParameters(GenericParameterHandleCollection parameters)
    {
        foreach (var p in parameters)
        {
            var parameter = reader.GetGenericParameter(p);
            AddAttributes(parameter.GetCustomAttributes());
            foreach (var c in parameter.GetConstraints())
            {
                AddType(reader.GetGenericParameterConstraint(c).Type);
            }
        }
    }

    private void AddSignature(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature)
    {
        Found.UnionWith(signature.ReturnType);
        foreach (var parameter in signature.ParameterTypes)
        {
            Found.UnionWith(parameter);
        }
    }

    private void AddType(EntityHandle handle) => Found.UnionWith(TypeOf(handle));

    private ImmutableArray<TypeDefinitionHandle> TypeOf(EntityHandle handle) => handle.IsNil ? [] : handle.Kind switch
    {
        HandleKind.TypeDefinition => [(TypeDefinitionHandle)handle],
        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
        _ => [],
    };

    private void AddMember(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                AddType(handle);
                break;
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                Found.Add(method.GetDeclaringType());
                AddSignature(method.DecodeSignature(this, null));
                break;
            case HandleKind.FieldDefinition:
                var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                Found.Add(field.GetDeclaringType());
                Found.UnionWith(field.DecodeSignature(this, null));
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                AddMember(member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    AddSignature(member.DecodeMethodSignature(this, null));
                }
                else
                {
                    Found.UnionWith(member.DecodeFieldSignature(this, null));
                }
                break;
            case HandleKind.MethodSpecification:
                var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddMember(spec.Method);
                foreach (var argument in spec.DecodeSignature(this, null))
                {
                    Found.UnionWith(argument);
                }
                break;
            case HandleKind.StandaloneSignature:
                var standalone = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (standalone.GetKind() == StandaloneSignatureKind.Method)
                {
                    AddSignature(standalone.DecodeMethodSignature(this, null));
                }
                break;
        }
    }

    public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

    public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => [];

    public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        r.GetTypeSpecification(handle).DecodeSignature(this, context);

    public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
        [.. genericType, .. typeArguments.SelectMany(a => a)];

    public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
        [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];

    public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
        [.. modifier, .. unmodifiedType];

    public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? context, int index) => [];

    public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? context, int index) => [];

    public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];
}
