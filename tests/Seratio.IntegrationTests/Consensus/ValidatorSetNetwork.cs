using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// Real node processes on loopback for validator-set tests: the four validators of
/// <see cref="ValidatorNetwork.BuildGenesis"/> with an authority account, plus extra nodes that hold a validator
/// key of their own (a newcomer not in genesis) or a copy of a validator's key (a byzantine twin). Who dials whom
/// is given per node, so a twin never meets its original's peers. Deletes the homes on dispose.
/// </summary>
public sealed class ValidatorSetNetwork : IAsyncDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("seratio-valset-it-");
    private readonly List<ValidatorProcess> _nodes = [];
    private readonly Dictionary<string, (SigningKey Key, int Api, int P2P)> _plan = [];
    private ulong _authorityNonce;

    public ValidatorSetNetwork(Genesis genesis) => Genesis = genesis;

    public Genesis Genesis { get; }
    public IReadOnlyList<ValidatorProcess> Nodes => _nodes;

    public static SigningKey Authority => TestNetwork.Account(7);
    public static SigningKey NewcomerKey => SigningKey.ForTesting("it/valset-newcomer");

    public static Genesis BuildGenesis(ChainParams? p = null)
    {
        using var authority = Authority;
        var genesis = ValidatorNetwork.BuildGenesis(4);
        return genesis with { Authority = authority.Address.ToString(), Params = p ?? genesis.Params };
    }

    /// <summary>Reserves ports for a node named <paramref name="name"/> holding <paramref name="key"/> as its validator key.</summary>
    public void Plan(string name, SigningKey key) => _plan[name] = (key, TestPorts.Free(), TestPorts.Free());

    /// <summary>Writes the home of <paramref name="name"/> (dialling <paramref name="dials"/>, also accepting <paramref name="allowed"/>) and starts it.</summary>
    public ValidatorProcess Start(string name, IEnumerable<string> dials, IEnumerable<string>? allowed = null)
    {
        var (key, api, p2p) = _plan[name];
        var home = Path.Combine(_root.FullName, name);
        var peers = dials.Select(d => $"{Hex(_plan[d].Key)}@127.0.0.1:{_plan[d].P2P}").ToArray();
        ValidatorNetwork.WriteHome(home, Genesis, key, api, p2p, peers, [.. (allowed ?? []).Select(a => Hex(_plan[a].Key))]);
        var node = new ValidatorProcess(name, home, api, p2p);
        _nodes.Add(node);
        node.Start();
        return node;
    }

    private static string Hex(SigningKey key) => Convert.ToHexStringLower(key.PublicKey.ToArray());

    /// <summary>The authority sets <paramref name="key"/>'s power through <paramref name="node"/>'s API and waits for the receipt.</summary>
    public async Task<Receipt> SetValidatorAsync(ValidatorProcess node, PublicKey key, ulong power, string name)
    {
        using var authority = Authority;
        var body = new TxBody { ChainId = Genesis.ChainId, Sender = authority.Address.ToByteString(), Nonce = _authorityNonce++, GasLimit = 100_000 };
        body.Msgs.Add(new Msg { SetValidator = new MsgSetValidator { PublicKey = key.ToByteString(), Power = power, Name = name } });
        var response = await node.Client.SubmitTxAsync(
            new SubmitTxRequest { Tx = ByteString.CopyFrom(TxDecoder.Sign(body, authority)), Mode = SubmitMode.Commit },
            deadline: DateTime.UtcNow.AddSeconds(60));
        return response.Receipt;
    }

    /// <summary>Waits until <paramref name="node"/>'s head is at least <paramref name="height"/>.</summary>
    public static async Task WaitForHeightAsync(ValidatorProcess node, ulong height, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await node.TryStatusAsync())?.LatestHeight is not { } h || h < height)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{node.Name} did not reach height {height} within {timeout}");
            await Task.Delay(200);
        }
    }

    /// <summary>The validator keys that signed the commit of block <paramref name="height"/>.</summary>
    public static async Task<HashSet<ByteString>> SignersAsync(ValidatorProcess node, ulong height)
    {
        var block = await node.Client.GetBlockAsync(new GetBlockRequest { Height = height });
        return [.. block.Commit.Signatures.Select(s => s.Validator)];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
