namespace Seratio.Client.Values;

/// <summary>
/// How deep an entity's provenance goes: the number of records in the longest chain of its own records linked by
/// inputs (a record none of whose inputs is among them counts 1; a record whose input is a counted record counts one
/// more than it). Inputs that are not among the given records (another entity's, or past the read bound) are not
/// followed. Record ids only grow and a record's inputs are older records, so the chain has no cycles; the walk still
/// ignores any input not smaller than the record's own id. 0 for no records. Pure; O(records + inputs).
/// </summary>
public static class ProvenanceDepth
{
    public static int Of(IEnumerable<(ulong Id, IReadOnlyList<ulong> Inputs)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var depth = new SortedDictionary<ulong, int>();
        var ordered = records.OrderBy(r => r.Id).ToList();
        foreach (var (id, _) in ordered) depth[id] = 1;
        int deepest = 0;
        foreach (var (id, inputs) in ordered)
        {
            int d = 1;
            foreach (var input in inputs)
                if (input < id && depth.TryGetValue(input, out var below)) d = Math.Max(d, below + 1);
            depth[id] = d;
            deepest = Math.Max(deepest, d);
        }
        return deepest;
    }
}
