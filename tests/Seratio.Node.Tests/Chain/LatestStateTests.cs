using Seratio.Core.State;
using Seratio.Core.Storage;
using Seratio.Node.Chain;
using Seratio.Vm.Genesis;

namespace Seratio.Node.Tests.Chain;

public class LatestStateTests
{
    [Fact]
    public void LatestState_WithTinyCache_AlwaysReadsTheCommittedValues()
    {
        using var db = new ChainDatabase(new InMemoryKeyValueStore(), Build.Genesis(), GenesisState.Build, nodes => new TestCommitment(nodes), stateCacheEntries: 2);
        var keys = Enumerable.Range(0, 6).Select(i => Build.Key("k" + i)).OrderBy(k => k).ToArray();
        for (byte round = 1; round <= 4; round++)
        {
            foreach (var key in keys) db.LatestState.Get(key); // fill and overflow the cache
            var changes = keys.Select((k, i) => new StateChange(k, (i + round) % 3 == 0 ? null : [round, (byte)i])).ToList();
            TestBlocks.CommitNext(db, changes);
            for (int i = 0; i < keys.Length; i++)
            {
                byte[]? expected = (i + round) % 3 == 0 ? null : [round, (byte)i];
                Assert.Equal(expected, db.LatestState.Get(keys[i]));
                Assert.Equal(expected, db.GetState(keys[i], round));
            }
        }
    }

    [Fact]
    public void Reopen_OnSameInMemoryStore_KeepsHeadAndRefusesOtherGenesis()
    {
        var store = new InMemoryKeyValueStore();
        using (var db = new ChainDatabase(store, Build.Genesis(), GenesisState.Build, nodes => new TestCommitment(nodes), ownsStore: false))
            TestBlocks.CommitNext(db, [new StateChange(Build.Key("a"), [1])]);
        using var reopened = new ChainDatabase(store, Build.Genesis(), GenesisState.Build, nodes => new TestCommitment(nodes), ownsStore: false);
        Assert.Equal(1UL, reopened.Head.Height);
        Assert.Throws<GenesisMismatchException>(() => new ChainDatabase(store, Build.Genesis("x"), GenesisState.Build, nodes => new TestCommitment(nodes), ownsStore: false));
    }
}
