using Seratio.Core.Chain;
using Seratio.Vm.Genesis;
using Seratio.Vm.Modules.Anchor;
using Seratio.Vm.Tests.Modules.Anchor;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Genesis;

public class GenesisAnchorStateTests
{
    private static Seratio.Core.Chain.Genesis With(GenesisAnchor anchor) => new()
    {
        ChainId = TxBuilder.ChainId,
        Validators = [new GenesisValidator { Name = "v1", PublicKey = TestKeys.Key("v1").PublicKey.ToString(), Power = 10 }],
        Anchor = anchor,
    };

    private static GenesisAnchorKey Key(string validator, string anchorKey, string chainId = TxBuilder.ChainId) => new()
    {
        ValidatorPublicKey = TestKeys.Key(validator).PublicKey.ToString(),
        Address = AnchorCrypto.Hex(AnchorChain.AnchorAddress(anchorKey)),
        Proof = Convert.ToHexStringLower(AnchorKeyProof.Sign(AnchorChain.AnchorKey(anchorKey), TestKeys.Key(validator).PublicKey.ToArray(), chainId)),
    };

    [Fact]
    public void GenesisKeysAndTargets_AreWrittenToState()
    {
        var genesis = With(new GenesisAnchor
        {
            Keys = [Key("v1", "a1")],
            Targets = [new GenesisAnchorTarget { Name = "eth", EvmChainId = 1337, Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3" }],
        });
        genesis.Validate();
        var state = new MemoryState();
        state.Apply(GenesisState.Build(genesis));
        var view = new Seratio.Vm.State.BlockState(state);

        Assert.Equal(AnchorChain.AnchorAddress("a1"), AnchorStore.ReadKey(view, TestKeys.Key("v1").PublicKey.ToArray())!.AnchorAddress.ToByteArray());
        Assert.Equal("eth", Assert.Single(AnchorStore.ReadTargets(view).Targets).Name);
    }

    [Fact]
    public void AProofSignedForAnotherChain_StopsTheGenesis()
    {
        var genesis = With(new GenesisAnchor { Keys = [Key("v1", "a1", chainId: "another-chain")] });
        var error = Assert.Throws<FormatException>(() => GenesisState.Build(genesis));
        Assert.Contains("proof recovers to", error.Message);
    }

    [Fact]
    public void AKeyForSomeoneWhoIsNotAGenesisValidator_IsRefused()
    {
        var genesis = With(new GenesisAnchor { Keys = [Key("stranger", "a1")] });
        var error = Assert.Throws<FormatException>(genesis.Validate);
        Assert.Contains("not a genesis validator", error.Message);
    }
}
