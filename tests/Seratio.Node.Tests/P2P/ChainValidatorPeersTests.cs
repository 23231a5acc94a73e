using Seratio.Node.P2P;
using Seratio.Node.Tests.Consensus;

namespace Seratio.Node.Tests.P2P;

/// <summary>The P2P allow list follows validator-set changes decided on chain, with no configuration edit.</summary>
public sealed class ChainValidatorPeersTests : IDisposable
{
    private readonly ConsensusChain _chain = new(validators: 4);

    [Fact]
    public void AValidatorTheAuthorityAdds_IsLetIn_FromTheBlockThatCommitsTheChange()
    {
        var peers = new ChainValidatorPeers(_chain.Chain);
        var allow = PeerAllowList.From(_chain.Chain.Genesis, new P2POptions(), peers.IsValidator);
        var newcomer = new PeerId(ConsensusChain.Key(4).PublicKey);
        Assert.Equal(PeerRole.Unknown, allow.RoleOf(newcomer));
        Assert.Equal(PeerRole.Validator, allow.RoleOf(new PeerId(ConsensusChain.Key(1).PublicKey)));

        _chain.CommitNext([_chain.SetValidator(4, 10)]); // height 1: votes from height 3, let in now

        Assert.Equal(PeerRole.Validator, allow.RoleOf(newcomer));
        Assert.Equal(PeerRole.Unknown, allow.RoleOf(new PeerId(ConsensusChain.Key(5).PublicKey)));
    }

    public void Dispose() => _chain.Dispose();
}
