using System.Text.Json;
using Nethereum.Signer;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Checkpoint submissions a test signs itself with devnet anchor keys read from their key files, to put in front of a
/// contract what no relayer would send (an old set's signatures, another network's chain id). Stateless.
/// </summary>
internal static class SignedCheckpoints
{
    /// <summary>The anchor key in a devnet key file (<c>{"private_key": "hex"}</c>).</summary>
    public static EthECKey AnchorKey(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new EthECKey(Convert.FromHexString(doc.RootElement.GetProperty("private_key").GetString()!), true);
    }

    /// <summary><paramref name="checkpoint"/> signed by every one of <paramref name="keys"/> for <paramref name="contract"/>'s domain, sorted by signer as the contract wants.</summary>
    public static SubmitCheckpointFunction Signed(Checkpoint checkpoint, IEnumerable<EthECKey> keys, AnchorContract contract) => new()
    {
        Checkpoint = new CheckpointArgument
        {
            SeratioChainId = checkpoint.SeratioChainId, Height = checkpoint.Height, BlockHash = checkpoint.BlockHash, StateRoot = checkpoint.StateRoot,
            AnchorSetHash = checkpoint.AnchorSetHash, NextAnchorSetHash = checkpoint.NextAnchorSetHash,
        },
        // Sorted by signer, as the contract wants: a refusal must come from the set, not from the order.
        Signatures = [.. keys.OrderBy(k => k.GetPublicAddress().ToLowerInvariant(), StringComparer.Ordinal)
            .Select(k => new CheckpointSigner(k).Sign(checkpoint, contract.EvmChainId, contract.Address))
            .Select(s => new SignatureArgument { V = s.V, R = s.R, S = s.S })],
    };
}
