using Seratio.Protocol;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ProvenanceMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Provenance;

public class ProvenanceLineageTests
{
    /// <summary>
    /// 1   2      records 1 and 2 are roots;
    ///  \ / \     3 = {1, 2}, 4 = {2}, 5 = {3, 4} (a diamond over 2), 6 = {5}.
    ///   3   4
    ///    \ /
    ///     5 - 6
    /// </summary>
    private static MemoryState Diamond()
    {
        var state = NewState("alice");
        Run(state, "alice", Register("farm", "alice"));
        foreach (var msg in new[] { Append(1, "a"), Append(1, "b"), Append(1, "c", 2, 1), Append(1, "d", 2), Append(1, "e", 4, 3), Append(1, "f", 5) })
            Assert.Equal(ResultCode.Ok, Run(state, "alice", msg).Code);
        return state;
    }

    [Fact]
    public void Descendants_AreBreadthFirst_ListedOnceAtTheirSmallestDepth()
    {
        var page = ProvenanceLineage.Walk(Diamond(), 2, LineageDirection.Descendants, 16, 0, 100);
        Assert.Equal([(3UL, 1U), (4UL, 1U), (5UL, 2U), (6UL, 3U)], page.Entries.Select(e => (e.Id, e.Depth)));
        Assert.False(page.HasMore);
    }

    [Fact]
    public void Ancestors_FollowInputsInAscendingOrder_UpToTheDepth()
    {
        var state = Diamond();
        Assert.Equal([5UL, 3UL, 4UL], ProvenanceLineage.Walk(state, 6, LineageDirection.Ancestors, 2, 0, 100).Entries.Select(e => e.Id));
        Assert.Equal([5UL, 3UL, 4UL, 1UL, 2UL], ProvenanceLineage.Walk(state, 6, LineageDirection.Ancestors, 3, 0, 100).Entries.Select(e => e.Id));
        Assert.Empty(ProvenanceLineage.Walk(state, 1, LineageDirection.Ancestors, 16, 0, 100).Entries);
    }

    [Fact]
    public void Pages_AreWindowsOfTheSameOrder_AndSayWhetherMoreFollow()
    {
        var state = Diamond();
        var first = ProvenanceLineage.Walk(state, 6, LineageDirection.Ancestors, 16, 0, 2);
        var second = ProvenanceLineage.Walk(state, 6, LineageDirection.Ancestors, 16, 2, 2);
        var third = ProvenanceLineage.Walk(state, 6, LineageDirection.Ancestors, 16, 4, 2);
        Assert.Equal([5UL, 3UL], first.Entries.Select(e => e.Id));
        Assert.True(first.HasMore);
        Assert.Equal([4UL, 1UL], second.Entries.Select(e => e.Id));
        Assert.True(second.HasMore);
        Assert.Equal([2UL], third.Entries.Select(e => e.Id));
        Assert.False(third.HasMore);
    }

    [Fact]
    public void Walk_RefusesADepthAboveTheBound()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ProvenanceLineage.Walk(Diamond(), 6, LineageDirection.Ancestors, ProvenanceLineage.MaxDepth + 1, 0, 10));
    }
}
