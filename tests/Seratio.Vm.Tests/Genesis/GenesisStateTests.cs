using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Vm.Genesis;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Genesis;

public class GenesisStateTests
{
    private static Core.Chain.Genesis With(params (string Name, string Balance)[] accounts) => new()
    {
        ChainId = TxBuilder.ChainId,
        Accounts = accounts.Select(a => new GenesisAccount { Name = a.Name, Address = TestKeys.Address(a.Name).ToString(), Balance = a.Balance }).ToList(),
    };

    [Fact]
    public void Build_WritesEachAccount_SortedByKey()
    {
        var genesis = With(("alice", "100"), ("bob", "0"), ("carol", "5"), ("dave", "1"));

        var changes = GenesisState.Build(genesis);

        Assert.Equal(4, changes.Count);
        for (int i = 1; i < changes.Count; i++) Assert.True(changes[i - 1].Key < changes[i].Key);
        var state = new MemoryState();
        state.Apply(changes);
        Assert.Equal(new AccountRecord(0, 100), state.Account("alice"));
        Assert.Equal(new AccountRecord(0, 5), state.Account("carol"));
    }

    [Fact]
    public void Build_WritesTheGenesisValidators_AsBothNextAndPending_InKeyOrder()
    {
        var genesis = With(("alice", "100")) with
        {
            Validators = [.. new[] { "v1", "v2", "v3" }.Select(n => new GenesisValidator { Name = n, PublicKey = TestKeys.Key(n).PublicKey.ToString(), Power = 7 })],
        };

        var state = new MemoryState();
        state.Apply(GenesisState.Build(genesis));

        var next = state.Get(ValidatorKeys.Next());
        Assert.Equal(next, state.Get(ValidatorKeys.Pending()));
        var set = Seratio.Protocol.ValidatorSetState.Parser.ParseFrom(next);
        Assert.Equal(3, set.Validators.Count);
        Assert.Null(Seratio.Core.Validators.ValidatorSetCodec.Problem(set));
        Assert.All(set.Validators, v => Assert.Equal(7UL, v.Power));
    }

    [Fact]
    public void TotalSupply_IsTheSumOfBalances()
    {
        Assert.Equal(new Amount(106), GenesisState.TotalSupply(With(("alice", "100"), ("bob", "6"))));
    }

    [Fact]
    public void TotalSupply_PastUInt128_IsRefused()
    {
        var max = UInt128.MaxValue.ToString();
        Assert.Throws<FormatException>(() => GenesisState.TotalSupply(With(("alice", max), ("bob", "1"))));
        Assert.Throws<FormatException>(() => GenesisState.Build(With(("alice", max), ("bob", "1"))));
    }

    [Fact]
    public void Build_WithTheSameAddressTwice_IsRefused()
    {
        var address = TestKeys.Address("alice");
        var genesis = new Core.Chain.Genesis
        {
            ChainId = TxBuilder.ChainId,
            Accounts =
            [
                new GenesisAccount { Address = address.ToString(), Balance = "1" },
                new GenesisAccount { Address = address.ToString().ToUpperInvariant(), Balance = "2" },
            ],
        };
        var error = Assert.Throws<FormatException>(() => GenesisState.Build(genesis));
        Assert.Contains("twice", error.Message);
    }
}
