using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Seratio.Node.Tests.Architecture;

/// <summary>
/// The folder-level dependency graph of Seratio.Node: a folder is the first namespace segment under
/// <c>Seratio.Node</c> (Api, Chain, Consensus, …). An edge A → B means some type of A uses a type of B,
/// found two ways that cover each other's blind spots: reflection over the compiled assembly (base types,
/// interfaces, fields, properties, signatures, locals and every type, method and field named in method
/// bodies' IL, lambdas and async state machines included) and a scan of the sources (<c>using</c>
/// directives and inline qualified names such as <c>Metrics.INodeMetrics</c>, which reflection also sees
/// unless the use is in a constant or a <c>nameof</c>). Each edge keeps one piece of evidence to print.
/// The composition root (see <see cref="IsCompositionRoot(Type)"/>) wires everyone and adds no edges.
/// Not thread safe; built once per test.
/// </summary>
internal sealed partial class FolderGraph
{
    private const string Root = "Seratio.Node";
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>Folder → (folder it depends on → one place where it does).</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    /// <summary>Every folder seen, with or without edges.</summary>
    public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds an edge (for tests of the cycle search); self edges are ignored.</summary>
    public void Add(string from, string to, string evidence)
    {
        Folders.Add(from);
        Folders.Add(to);
        if (from == to) return;
        if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
        targets.TryAdd(to, evidence);
    }

    /// <summary>
    /// The composition root, the Hosting folder, may depend on every folder (and no folder on it).
    /// Nested (compiler-generated) types share their declaring type's namespace.
    /// </summary>
    public static bool IsCompositionRoot(Type type) => FolderOf(type.Namespace) == "Hosting";

    /// <summary>The folder of a namespace under Seratio.Node, or null for any other namespace.</summary>
    public static string? FolderOf(string? ns)
    {
        if (ns is null || !ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(Root.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Builds the graph from the compiled assembly and the sources under <paramref name="sourceDirectory"/>.</summary>
    public static FolderGraph Build(Assembly assembly, string sourceDirectory)
    {
        var graph = new FolderGraph();
        var types = assembly.GetTypes();
        foreach (var type in types)
        {
            var folder = FolderOf(type.Namespace);
            if (folder is null) continue;
            graph.Folders.Add(folder);
            if (!IsCompositionRoot(type)) graph.AddReflected(type, folder);
        }
        var names = new HashSet<string>(types.Where(t => t.Namespace is not null)
            .SelectMany(t => new[] { t.Namespace!, t.Namespace + "." + TypeName(t) }), StringComparer.Ordinal);
        foreach (var ns in names.ToList())
            for (int dot = ns.LastIndexOf('.'); dot > 0; dot = ns.LastIndexOf('.', dot - 1)) names.Add(ns[..dot]);
        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sourceDirectory, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            graph.AddScanned(File.ReadAllText(file), relative, names);
        }
        return graph;
    }

    private static string TypeName(Type t)
    {
        int tick = t.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? t.Name : t.Name[..tick];
    }

    // ---- reflection ----

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private void AddReflected(Type type, string folder)
    {
        void Use(Type? used, string where)
        {
            foreach (var target in FoldersIn(used))
                Add(folder, target, $"{type.FullName}{where} uses {used}");
        }

        Use(type.BaseType, " (base type)");
        foreach (var i in type.GetInterfaces()) Use(i, " (interface)");
        foreach (var f in type.GetFields(Declared)) Use(f.FieldType, "." + f.Name);
        foreach (var p in type.GetProperties(Declared)) Use(p.PropertyType, "." + p.Name);
        foreach (var e in type.GetEvents(Declared)) Use(e.EventHandlerType, "." + e.Name);
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var where = "." + method.Name;
            if (method is MethodInfo m) Use(m.ReturnType, where);
            foreach (var p in method.GetParameters()) Use(p.ParameterType, where);
            MethodBody? body;
            try { body = method.GetMethodBody(); }
            catch (InvalidOperationException) { continue; }
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Use(local.LocalType, where);
            foreach (var member in MembersNamedIn(method, body))
            {
                switch (member)
                {
                    case Type t: Use(t, where); break;
                    case FieldInfo f: Use(f.DeclaringType, where); Use(f.FieldType, where); break;
                    case MethodBase mb:
                        Use(mb.DeclaringType, where);
                        if (mb is MethodInfo mi)
                        {
                            Use(mi.ReturnType, where);
                            foreach (var arg in mi.IsGenericMethod ? mi.GetGenericArguments() : []) Use(arg, where);
                        }
                        break;
                }
            }
        }
    }

    /// <summary>Folders of a type and of everything it is built from (element types, generic arguments).</summary>
    private static IEnumerable<string> FoldersIn(Type? type)
    {
        if (type is null || type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var f in FoldersIn(type.GetElementType())) yield return f;
            yield break;
        }
        if (FolderOf(type.Namespace) is { } folder) yield return folder;
        if (type.IsGenericType)
            foreach (var arg in type.GetGenericArguments())
                foreach (var f in FoldersIn(arg)) yield return f;
    }

    private static readonly (OpCode[] OneByte, OpCode[] TwoByte) OpCodeTable = BuildOpCodeTable();

    private static (OpCode[], OpCode[]) BuildOpCodeTable()
    {
        var oneByte = new OpCode[256];
        var twoByte = new OpCode[256];
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)field.GetValue(null)!;
            var value = (ushort)op.Value;
            if (value < 0x100) oneByte[value] = op;
            else if ((value & 0xff00) == 0xfe00) twoByte[value & 0xff] = op;
        }
        return (oneByte, twoByte);
    }

    /// <summary>Every type, method and field token in a method body, resolved (unresolvable ones skipped).</summary>
    private static IEnumerable<MemberInfo> MembersNamedIn(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray();
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            OpCode op;
            if (il[i] == 0xfe) { op = OpCodeTable.TwoByte[il[i + 1]]; i += 2; }
            else { op = OpCodeTable.OneByte[il[i]]; i += 1; }
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                catch (ArgumentException) { }
                catch (BadImageFormatException) { }
                catch (TypeLoadException) { }
                if (member is not null) yield return member;
            }
            i += size;
        }
    }

    // ---- sources ----

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?((?:[A-Z]\w*\.)+[A-Z]\w*)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    private void AddScanned(string source, string file, HashSet<string> names)
    {
        source = Comment().Replace(source, "");
        var declared = NamespaceDeclaration().Match(source);
        if (!declared.Success) return;
        var ns = declared.Groups[1].Value;
        var folder = FolderOf(ns);
        if (folder is null || folder == "Hosting") return;
        foreach (Match u in UsingDirective().Matches(source))
            if (FolderOf(u.Groups[1].Value) is { } target)
                Add(folder, target, $"{file}: using {u.Groups[1].Value}");
        foreach (Match q in QualifiedName().Matches(source))
            if (Resolve(q.Groups[1].Value, ns, names) is { } full && FolderOf(full) is { } target)
                Add(folder, target, $"{file}: {q.Groups[1].Value}");
    }

    /// <summary>
    /// What a dotted name written in namespace <paramref name="ns"/> names, as C# binds it: its first
    /// segment is looked up from the innermost enclosing namespace outwards. Null unless the first two
    /// segments name a namespace or type (so "Chain.Head" on a property named Chain is no reference).
    /// </summary>
    private static string? Resolve(string name, string ns, HashSet<string> names)
    {
        var segments = name.Split('.');
        foreach (var outer in Enclosing(ns).Append(""))
        {
            var first = outer.Length == 0 ? segments[0] : outer + "." + segments[0];
            if (!names.Contains(first)) continue;
            return names.Contains(first + "." + segments[1]) ? (outer.Length == 0 ? name : outer + "." + name) : null;
        }
        return null;
    }

    /// <summary>The namespace and each namespace around it, innermost first.</summary>
    private static IEnumerable<string> Enclosing(string ns)
    {
        for (var n = ns; n.Length > 0; n = n.LastIndexOf('.') is var dot and > 0 ? n[..dot] : "")
            yield return n;
    }

    // ---- cycles ----

    /// <summary>The strongly connected components of two folders or more (Tarjan), each sorted by name.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Loops()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var loops = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Targets(v))
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) loops.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var folder in Folders)
            if (!index.ContainsKey(folder)) Visit(folder);
        return loops;
    }

    private IEnumerable<string> Targets(string folder) =>
        _edges.TryGetValue(folder, out var targets) ? targets.Keys : [];

    /// <summary>One cycle through the first folder of <paramref name="loop"/>, each step with its evidence.</summary>
    public string Describe(IReadOnlyList<string> loop)
    {
        var members = new HashSet<string>(loop, StringComparer.Ordinal);
        var start = loop[0];
        // Breadth-first from start back to start inside the loop: the shortest cycle reads best.
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        string? last = null;
        while (queue.Count > 0 && last is null)
        {
            var v = queue.Dequeue();
            foreach (var w in Targets(v).Where(members.Contains))
            {
                if (w == start) { last = v; break; }
                if (previous.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        var path = new List<string> { start };
        for (var v = last!; v != start; v = previous[v]) path.Insert(1, v);
        path.Add(start);
        var lines = path.Zip(path.Skip(1), (a, b) => $"  {a} -> {b}: {_edges[a][b]}");
        return string.Join(" -> ", path) + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }
}
