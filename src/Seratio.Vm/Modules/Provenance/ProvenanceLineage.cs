using Seratio.Core.State;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Provenance;

/// <summary>Which way a lineage walk follows the input edges.</summary>
public enum LineageDirection
{
    /// <summary>From a record to its inputs, their inputs, ...</summary>
    Ancestors,

    /// <summary>From a record to the records naming it as input, theirs, ...</summary>
    Descendants,
}

/// <summary>One record reached by a lineage walk and its distance (1 = a direct input or child).</summary>
public readonly record struct LineageEntry(ulong Id, uint Depth);

/// <summary>A page of a lineage walk; <see cref="HasMore"/> says whether records follow it.</summary>
public sealed record LineagePage(IReadOnlyList<LineageEntry> Entries, bool HasMore);

/// <summary>
/// Breadth-first walks of the provenance graph. The order is fixed by state alone: level by level;
/// within a level, in the order the previous level was listed, each record's neighbours in
/// ascending id order (inputs sorted, children as appended); a record reached twice is listed once,
/// at its first (smallest) depth. The start record is not listed. A page is a window of that order,
/// and the walk stops as soon as the window (plus one record, to know whether more follow) is
/// filled, so the work is bounded by <c>skip + take</c>. Stateless; thread safe.
/// </summary>
public static class ProvenanceLineage
{
    /// <summary>Deepest walk a query may ask for.</summary>
    public const uint MaxDepth = 16;

    /// <summary>The furthest position a page may start at: bounds the work of one query.</summary>
    public const ulong MaxSkip = 10_000;

    /// <summary>Records <paramref name="skip"/> .. <paramref name="skip"/> + <paramref name="take"/> - 1 of the walk from <paramref name="start"/> (which must exist).</summary>
    public static LineagePage Walk(IStateReader state, ulong start, LineageDirection direction, uint depth, ulong skip, int take)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfZero(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skip, MaxSkip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);

        ulong wanted = skip + (ulong)take + 1;
        var entries = new List<LineageEntry>(take);
        var visited = new HashSet<ulong> { start };
        var queue = new Queue<LineageEntry>();
        queue.Enqueue(new LineageEntry(start, 0));
        ulong listed = 0;
        while (queue.Count > 0 && listed < wanted)
        {
            var at = queue.Dequeue();
            if (at.Depth == depth) continue;
            foreach (var next in Neighbours(state, at.Id, direction))
            {
                if (!visited.Add(next)) continue;
                var entry = new LineageEntry(next, at.Depth + 1);
                if (listed >= skip && entries.Count < take) entries.Add(entry);
                listed++;
                if (listed >= wanted) break;
                queue.Enqueue(entry);
            }
        }
        return new LineagePage(entries, listed > skip + (ulong)entries.Count);
    }

    private static IEnumerable<ulong> Neighbours(IStateReader state, ulong id, LineageDirection direction)
    {
        if (direction == LineageDirection.Descendants) return ProvenanceIndex.Children(id).Enumerate(state);
        var record = Provenance.Get(state, id) ?? throw new InvalidDataException($"the provenance graph names record {id} but state does not hold it");
        var inputs = new List<ulong>(record.Inputs);
        inputs.Sort();
        return inputs;
    }
}
