using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Handshake;

namespace Seratio.Node.Tests.P2P;

/// <summary>Keys and settings shared by the P2P tests: validators "a" and "b" in genesis, observer "c" allowed by configuration, "stranger" unknown.</summary>
internal static class TestPeers
{
    public const string ChainId = Mempool.FakeChain.TestChainId;
    public static readonly Hash32 GenesisHash = Hash32.Sha256("p2p-test-genesis"u8);

    public static SigningKey Key(string name) => Mempool.TestTx.Key("p2p-" + name);
    public static PeerId Id(string name) => new(Key(name).PublicKey);
    public static string Hex(string name) => Id(name).ToHex();

    public static IReadOnlyList<GenesisValidator> Validators =>
        [new GenesisValidator { Name = "a", PublicKey = Hex("a") }, new GenesisValidator { Name = "b", PublicKey = Hex("b") }];

    public static PeerAllowList AllowList => new([Id("a"), Id("b")], [Id("c")]);

    public static LocalNode Local(string name, string chainId = ChainId, Hash32? genesis = null) =>
        new(Key(name), chainId, genesis ?? GenesisHash);

    public static P2POptions Options(Action<P2POptions>? change = null)
    {
        var options = new P2POptions { AllowedPeers = [Hex("c")] };
        change?.Invoke(options);
        return options;
    }
}
