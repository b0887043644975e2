using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using StepFunctions.Local.Core;
using Xunit.Abstractions;

using System.Reflection.Metadata.Ecma335;

namespace StepFunctions.Local.Tests;

/// <summary>Each area's namespaces form the layers its README declares: a table whose first column is headed
/// "folder / namespace" lists them lowest first, and a namespace uses only its own layer and those listed before
/// it; nor does any namespace depend, directly or through others, on itself. Reads the compiled assemblies, so
/// every type reference counts, including those that need no <c>using</c> (types of an enclosing namespace):
/// signatures, base types, interfaces, attributes, generic arguments and constraints, locals, and the operands
/// of every IL instruction (closures and async state machines are nested types, so their references count for
/// the namespace that declares them). Constants are inlined by the compiler and leave no reference; every other
/// use does.</summary>
public sealed class LayeringTests(ITestOutputHelper output)
{
    /// <summary>The guarded areas: each assembly with the README that declares its layers.</summary>
    public static TheoryData<string> Areas => [.. Area.All.Keys];

    [Theory]
    [MemberData(nameof(Areas))]
    public void Namespace_dependency_graph_has_no_cycle(string area)
    {
        var graph = Area.All[area].OrderedGraph();
        foreach (var (from, to) in graph.Edges.Keys.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal))
        {
            output.WriteLine($"{from} -> {to}   (e.g. {graph.Edges[(from, to)]})");
        }
        var cycle = graph.FindCycle();
        Assert.True(cycle is null, cycle is null ? "" : "Namespace cycle:" + Environment.NewLine + string.Join(Environment.NewLine,
            cycle.Zip(cycle.Skip(1).Append(cycle[0]), (a, b) => $"  {a} -> {b}   (e.g. {graph.Edges[(a, b)]})")));
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void Namespaces_use_only_the_layers_their_README_lists_before_them(string area)
    {
        var subject = Area.All[area];
        var layers = LayerTable.Read(subject.Readme, subject.RootNamespace);
        output.WriteLine($"{subject.Readme} declares, lowest first: {string.Join(", ", layers.Namespaces)}");
        var problems = layers.Check(subject.OrderedGraph());
        Assert.True(problems.Count == 0, $"{subject.Readme} declares an order its code does not keep:" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "  " + p)) + Environment.NewLine
            + "Move the reference down a layer, or correct the README's table if its order is wrong.");
    }

    [Fact]
    public void The_reader_sees_references_that_need_no_using()
    {
        // Guards the check itself: the facade and the Json helpers are known to be used from the layers below.
        var graph = Area.All["StepFunctions.Local"].Graph();
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

    [Fact]
    public void A_table_without_a_root_row_leaves_the_root_namespace_out_of_the_order()
    {
        var layers = LayerTable.Parse("| folder / namespace | holds |\n|---|---|\n| `Parsing/` | |\n| `Evaluation/` | |\n", "Lib");
        Assert.False(layers.OrdersRoot);
        var graph = new NamespaceGraph();
        graph.Add("Lib", "Lib.Evaluation", "facade");
        graph.Add("Lib.Parsing", "Lib", "vocabulary");
        graph.Add("Lib.Parsing", "Lib.Evaluation", "Lib.Parsing.P uses Lib.Evaluation.E");
        Assert.Equal(["Lib.Parsing (layer 1) uses Lib.Evaluation (layer 2, `Evaluation/`), listed after it: Lib.Parsing.P uses Lib.Evaluation.E"],
            layers.Check(graph.Without("Lib")));
    }

    [Fact]
    public void A_use_of_a_later_layer_and_an_undeclared_namespace_are_found_and_printed()
    {
        var layers = LayerTable.Parse("""
            | folder / namespace | holds |
            |---|---|
            | `Core/` | the vocabulary |
            | `Engine/` | the engine, with `Engine.Parts` |
            | root | the facade |
            """, "App");
        Assert.Equal(["App.Core", "App.Engine", "App"], layers.Namespaces);
        var graph = new NamespaceGraph();
        graph.Add("App.Engine.Parts", "App.Core", "App.Engine.Parts.P uses App.Core.C");
        graph.Add("App", "App.Engine", "App.F uses App.Engine.E");
        graph.Add("App.Core", "App.Engine.Parts", "App.Core.C uses App.Engine.Parts.P");
        graph.Add("App.Extra", "App.Core", "App.Extra.X uses App.Core.C");
        Assert.Equal(
        [
            "App.Extra is in no layer of the table: add its folder to the table where it belongs",
            "App.Core (layer 1) uses App.Engine.Parts (layer 2, `Engine/`), listed after it: App.Core.C uses App.Engine.Parts.P",
        ], layers.Check(graph));
    }

    [Fact]
    public void A_README_without_a_layer_table_is_an_error_that_says_what_to_add()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LayerTable.Parse("# Title\n\n| file | concern |\n|---|---|\n", "App"));
        Assert.Contains("folder / namespace", e.Message);
    }
}

/// <summary>An assembly whose namespaces the README beside its sources declares as layers.</summary>
internal sealed record Area(string AssemblyPath, string RootNamespace, string Readme)
{
    public static IReadOnlyDictionary<string, Area> All { get; } = new Dictionary<string, Area>(StringComparer.Ordinal)
    {
        ["StepFunctions.Local"] = For(typeof(LocalStateMachine), "StepFunctions.Local"),
        ["StepFunctions.Service"] = For(typeof(StepFunctions.Service.Executions.ExecutionManager), "StepFunctions.Service"),
        ["Jsonata"] = For(typeof(Jsonata.JsonataExpression), "Jsonata"),
    };

    public NamespaceGraph Graph() => NamespaceGraph.Read(AssemblyPath, RootNamespace);

    /// <summary>The namespaces the README orders: all of them, or all but the root namespace when its table has no
    /// root row (a root namespace that is the public API: the vocabulary every layer uses and the facade over them).</summary>
    public NamespaceGraph OrderedGraph() => LayerTable.Read(Readme, RootNamespace).OrdersRoot ? Graph() : Graph().Without(RootNamespace);

    private static Area For(Type type, string folder) =>
        new(type.Assembly.Location, folder, Path.Combine(RepositoryRoot(), "local", folder, "README.md"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ServerlessWorkflows.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No ServerlessWorkflows.slnx above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

/// <summary>A README's declared layers, lowest first: the rows of its "folder / namespace" table, each a folder
/// (<c>`Core/`</c>, <c>`Integrations/Lambda/`</c>) or <c>root</c>. A namespace belongs to the row of its longest
/// declared prefix, so a folder's sub-namespaces share its layer unless a later row names them.</summary>
internal sealed class LayerTable(IReadOnlyList<(string Namespace, string Row)> layers)
{
    private const string Header = "folder / namespace";

    public IReadOnlyList<string> Namespaces => [.. layers.Select(l => l.Namespace)];

    /// <summary>Whether the table places the root namespace (a <c>root</c> row).</summary>
    public bool OrdersRoot => layers.Any(l => l.Row == "root");

    public static LayerTable Read(string readme, string rootNamespace) => Parse(File.ReadAllText(readme), rootNamespace, readme);

    public static LayerTable Parse(string markdown, string rootNamespace, string source = "the README")
    {
        var lines = markdown.Split('\n').Select(l => l.Trim()).ToList();
        var header = lines.FindIndex(l => l.StartsWith('|') && Cells(l)[0] == Header);
        if (header < 0)
        {
            throw new InvalidOperationException($"{source} has no layer table: add one whose first column is headed \"{Header}\", listing its namespaces' folders lowest first (`root` for {rootNamespace} itself).");
        }
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(l => Cells(l)[0]).ToList();
        return new LayerTable([.. rows.Select(row => (row == "root" ? rootNamespace : rootNamespace + "." + row.Trim('`').TrimEnd('/').Replace('/', '.'), row))]);
    }

    private static List<string> Cells(string row) => [.. row.Trim('|').Split('|').Select(c => c.Trim())];

    /// <summary>Every edge that goes up the table, and every namespace no row covers.</summary>
    public List<string> Check(NamespaceGraph graph)
    {
        var problems = new List<string>();
        foreach (var ns in graph.Edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal))
        {
            if (Layer(ns) < 0)
            {
                problems.Add($"{ns} is in no layer of the table: add its folder to the table where it belongs");
            }
        }
        foreach (var ((from, to), example) in graph.Edges.OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal))
        {
            var (fromLayer, toLayer) = (Layer(from), Layer(to));
            if (fromLayer >= 0 && toLayer > fromLayer)
            {
                problems.Add($"{from} (layer {fromLayer + 1}) uses {to} (layer {toLayer + 1}, {layers[toLayer].Row}), listed after it: {example}");
            }
        }
        return problems;
    }

    /// <summary>The row of the longest declared namespace that is <paramref name="ns"/> or encloses it (the root
    /// row holds the root namespace only); -1 for none.</summary>
    private int Layer(string ns)
    {
        var best = -1;
        for (var i = 0; i < layers.Count; i++)
        {
            var declared = layers[i].Namespace;
            var encloses = ns == declared || (layers[i].Row != "root" && ns.StartsWith(declared + ".", StringComparison.Ordinal));
            if (encloses && (best < 0 || declared.Length > layers[best].Namespace.Length))
            {
                best = i;
            }
        }
        return best;
    }
}

/// <summary>Namespace → namespace edges of one assembly, each with an example reference for the failure message.</summary>
internal sealed class NamespaceGraph
{
    public Dictionary<(string From, string To), string> Edges { get; } = [];

    public void Add(string from, string to, string example) => Edges.TryAdd((from, to), example);

    /// <summary>The graph without the edges from or to <paramref name="ns"/>.</summary>
    public NamespaceGraph Without(string ns)
    {
        var graph = new NamespaceGraph();
        foreach (var ((from, to), example) in Edges.Where(e => e.Key.From != ns && e.Key.To != ns))
        {
            graph.Add(from, to, example);
        }
        return graph;
    }

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
