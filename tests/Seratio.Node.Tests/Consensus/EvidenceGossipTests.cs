using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Seratio.Node.Consensus.Evidence;
using Seratio.Node.P2P;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Consensus;

public sealed class EvidenceGossipTests : IDisposable
{
    private readonly ConsensusChain _chain = new(validators: 4);
    private readonly RecordingNetwork _network = new();
    private readonly EvidenceGossip _gossip;

    public EvidenceGossipTests()
    {
        _chain.CommitNext();
        _gossip = new EvidenceGossip(_chain.Chain, _chain.Candidates().Evidence, _network, NullLogger.Instance);
    }

    [Fact]
    public void FoundEvidence_IsPooledAndBroadcastOnce()
    {
        var evidence = ConsensusChain.DoubleVote(1, 1);
        _gossip.OnFound(evidence.DuplicateVote);
        _gossip.OnFound(evidence.DuplicateVote);

        var sent = Assert.Single(_network.Broadcasts);
        Assert.Equal(evidence.DuplicateVote, ConsensusMessage.Parser.ParseFrom(sent.Span).Evidence);
        Assert.Equal(evidence, Assert.Single(_gossip.Pending));
        Assert.Equal(1, _gossip.Count);
    }

    [Fact]
    public void PeerEvidence_ThatDoesNotVerify_IsNeitherKeptNorRelayed()
    {
        var bad = ConsensusChain.DoubleVote(5, 1); // key 5 is no validator
        _gossip.OnPeer(bad.DuplicateVote, new PeerMessage(_network.Self, PeerChannel.Consensus, new ConsensusMessage { Evidence = bad.DuplicateVote }.ToByteArray()));

        Assert.Empty(_network.Broadcasts);
        Assert.Empty(_gossip.Pending);
    }

    [Fact]
    public void CommittedEvidence_LeavesThePool()
    {
        var evidence = ConsensusChain.DoubleVote(2, 1);
        _gossip.OnPeer(evidence.DuplicateVote, new PeerMessage(_network.Self, PeerChannel.Consensus, new ConsensusMessage { Evidence = evidence.DuplicateVote }.ToByteArray()));
        Assert.Single(_network.Broadcasts);

        _chain.CommitNext(evidence: _gossip.Pending);
        _gossip.OnCommitted();

        Assert.Empty(_gossip.Pending);
        Assert.Equal(0, _gossip.Count);
    }

    public void Dispose() => _chain.Dispose();

    private sealed class RecordingNetwork : IPeerNetwork
    {
        public List<ReadOnlyMemory<byte>> Broadcasts { get; } = [];
        public PeerId Self { get; } = new(ConsensusChain.Key(0).PublicKey);
        public IReadOnlyList<PeerInfo> Peers => [];
        public int Broadcast(PeerChannel channel, ReadOnlyMemory<byte> payload)
        {
            Broadcasts.Add(payload.ToArray());
            return 0;
        }
        public bool Send(PeerId peer, PeerChannel channel, ReadOnlyMemory<byte> payload) => false;
        public ChannelReader<PeerMessage> Received(PeerChannel channel) => Channel.CreateUnbounded<PeerMessage>().Reader;
        public long ReceiveDrops(PeerChannel channel) => 0;
        public void Forget(PeerChannel channel, ReadOnlyMemory<byte> payload) { }
#pragma warning disable CS0067 // never raised: no connections in these tests
        public event Action<PeerId>? PeerConnected;
        public event Action<PeerId>? PeerDisconnected;
#pragma warning restore CS0067
    }
}
