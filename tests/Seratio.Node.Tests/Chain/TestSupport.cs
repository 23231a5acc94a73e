using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Chain;

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seratio-tests-" + Guid.NewGuid().ToString("N")));
    public string Path { get; }
    public string Sub(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Test data: keys, genesis documents and signed transfers.</summary>
internal static class Build
{
    public const string ChainId = "seratio-test";
    public static readonly SigningKey Validator = SigningKey.ForTesting("validator");
    public static readonly SigningKey Alice = SigningKey.ForTesting("alice");
    public static readonly SigningKey Bob = SigningKey.ForTesting("bob");

    public static Genesis Genesis(string chainId = ChainId, params SigningKey[] validators) => new()
    {
        ChainId = chainId,
        GenesisTimeUnixMs = 1_700_000_000_000,
        Validators = (validators.Length == 0 ? [Validator] : validators)
            .Select((v, i) => new GenesisValidator { Name = "v" + i, PublicKey = v.PublicKey.ToString(), Power = 10 }).ToList(),
        Accounts =
        [
            new GenesisAccount { Name = "alice", Address = Alice.Address.ToString(), Balance = "1000000" },
            new GenesisAccount { Name = "bob", Address = Bob.Address.ToString(), Balance = "5" },
        ],
    };

    public static SignedTx Transfer(SigningKey from, Address to, ulong amount, ulong nonce, string chainId = ChainId)
    {
        var body = new TxBody { ChainId = chainId, Sender = from.Address.ToByteString(), Nonce = nonce, GasLimit = 100_000 };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = to.ToByteString(), Denom = "SER", Amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        var bytes = TxDecoder.Sign(body, from);
        if (TxDecoder.TryDecode(bytes, chainId, TxDecoder.MaxTxBytes, out var tx, out var reason) != TxFormatError.None)
            throw new InvalidOperationException(reason);
        return tx!;
    }

    public static AccountState? Account(byte[]? value) => value is null ? null : AccountState.Parser.ParseFrom(value);

    public static Hash32 Key(string name) => Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes(name));
}

/// <summary>
/// A deterministic stand-in for the sparse Merkle tree: one node per root holding the whole
/// sorted (key, value hash) map; root = SHA-256 of that node (zero when empty). Persisted
/// through the database's node column like the real tree, so restarts are exercised.
/// </summary>
internal sealed class TestCommitment(ITreeNodeSource nodes) : IStateCommitment
{
    public Hash32 EmptyRoot => Hash32.Zero;

    public TreeUpdate Apply(Hash32 root, IReadOnlyList<StateChange> changes)
    {
        var map = Load(root);
        foreach (var change in changes)
            if (change.Value is null) map.Remove(change.Key);
            else map[change.Key] = SparseMerkleTree.HashValue(change.Value);
        if (map.Count == 0) return new TreeUpdate(Hash32.Zero, []);
        var bytes = map.SelectMany(e => e.Key.ToArray().Concat(e.Value.ToArray())).ToArray();
        var newRoot = Hash32.Sha256(bytes);
        return new TreeUpdate(newRoot, [new(newRoot, bytes)]);
    }

    public StateProof Prove(Hash32 root, Hash32 key) =>
        new() { Key = key.ToByteString(), Exists = Load(root).ContainsKey(key) };

    private SortedDictionary<Hash32, Hash32> Load(Hash32 root)
    {
        var map = new SortedDictionary<Hash32, Hash32>();
        if (root.IsZero) return map;
        var bytes = nodes.GetNode(root) ?? throw new InvalidOperationException($"missing node {root}");
        for (int i = 0; i < bytes.Length; i += 64)
            map[new Hash32(bytes.AsSpan(i, 32))] = new Hash32(bytes.AsSpan(i + 32, 32));
        return map;
    }
}
