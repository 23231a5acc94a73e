using CsCheck;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ProvenanceMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Provenance;

public class ProvenancePropertyTests
{
    private static readonly string[] Senders = ["alice", "bob"];

    /// <summary>
    /// Random appends (inputs drawn from 0..last+2, so some name records that do not exist yet, and
    /// some senders do not control the entity): every accepted record's inputs are earlier ids (the
    /// graph is acyclic), a refused append changes nothing but the sender's account, and lineage walks
    /// agree with a naive breadth-first walk over a model of the graph, page by page.
    /// </summary>
    [Fact]
    public void RandomAppends_KeepTheGraphAcyclic_AndLineageAgreesWithANaiveWalk()
    {
        var op = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 1], Gen.ULong[0, 40].Array[0, 4]);
        op.Array[1, 30].Sample(ops =>
        {
            var state = NewState(Senders);
            Run(state, "alice", Register("a-farm", "alice"));
            Run(state, "bob", Register("b-mill", "bob"));
            var model = new List<ulong[]> { Array.Empty<ulong>() }; // model[id] = inputs; index 0 unused
            foreach (var (who, entity, raw) in ops)
            {
                ulong last = (ulong)model.Count - 1;
                var inputs = raw.Select(r => r % (last + 3)).Where(r => r != 0).Distinct().ToArray();
                var tx = TxBuilder.From(Senders[who]).Nonce(state.Account(Senders[who]).Nonce).FakeSignature()
                    .Message(Append(Record((ulong)entity + 1, ["item-" + (model.Count % 5)], inputs))).Build();
                var outcome = Blocks.Execute(state, Blocks.Context(), tx);
                var receipt = Assert.Single(outcome.Receipts);
                bool expectOk = who == entity && inputs.All(i => i <= last);
                Assert.Equal(expectOk, receipt.Code == ResultCode.Ok);
                if (!expectOk)
                {
                    var accounts = new HashSet<Hash32> { AccountKeys.Account(Addr(Senders[who])), AccountKeys.Account(TestKeys.Proposer) };
                    Assert.All(outcome.Changes, c => Assert.Contains(c.Key, accounts));
                }
                state.Apply(outcome.Changes);
                if (expectOk) model.Add(inputs);
            }

            ulong count = (ulong)model.Count - 1;
            Assert.Equal(count, Vm.Modules.Provenance.Provenance.LastId(state));
            for (ulong id = 1; id <= count; id++)
            {
                var record = Vm.Modules.Provenance.Provenance.Get(state, id)!;
                Assert.All(record.Inputs, input => Assert.True(input < id));
                foreach (var direction in new[] { LineageDirection.Ancestors, LineageDirection.Descendants })
                    foreach (uint depth in new uint[] { 1, 2, 16 })
                    {
                        var expected = Naive(model, id, direction, depth);
                        Assert.Equal(expected, Paged(state, id, direction, depth, 3));
                    }
            }
            return true;
        }, iter: 60, seed: null);
    }

    /// <summary>Every page of 'size' concatenated.</summary>
    private static List<(ulong, uint)> Paged(MemoryState state, ulong id, LineageDirection direction, uint depth, int size)
    {
        var all = new List<(ulong, uint)>();
        for (ulong skip = 0; ; skip += (ulong)size)
        {
            var page = ProvenanceLineage.Walk(state, id, direction, depth, skip, size);
            all.AddRange(page.Entries.Select(e => (e.Id, e.Depth)));
            if (!page.HasMore) return all;
            Assert.Equal(size, page.Entries.Count);
        }
    }

    /// <summary>Breadth-first over the model: neighbours ascending, each id once at its first depth.</summary>
    private static List<(ulong, uint)> Naive(List<ulong[]> model, ulong start, LineageDirection direction, uint depth)
    {
        IEnumerable<ulong> Next(ulong id) => direction == LineageDirection.Ancestors
            ? model[(int)id].OrderBy(x => x)
            : Enumerable.Range(1, model.Count - 1).Select(i => (ulong)i).Where(c => model[(int)c].Contains(id));
        var result = new List<(ulong, uint)>();
        var seen = new HashSet<ulong> { start };
        var frontier = new List<ulong> { start };
        for (uint d = 1; d <= depth && frontier.Count > 0; d++)
        {
            var next = new List<ulong>();
            foreach (var id in frontier)
                foreach (var n in Next(id))
                    if (seen.Add(n))
                    {
                        result.Add((n, d));
                        next.Add(n);
                    }
            frontier = next;
        }
        return result;
    }
}
