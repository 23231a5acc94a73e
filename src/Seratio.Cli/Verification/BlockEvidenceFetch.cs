using Seratio.Cli.Rpc;
using Seratio.Protocol;

namespace Seratio.Cli.Verification;

/// <summary>Fetches a block's <see cref="BlockEvidence"/> for a proof document. Stateless.</summary>
internal static class BlockEvidenceFetch
{
    /// <summary>Block <paramref name="height"/>'s header and commit from the node, or null when it holds no commit for it yet.</summary>
    public static async Task<BlockEvidence?> AtAsync(NodeConnection node, ulong height, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        var block = await node.CallAsync((c, o) => c.GetBlockAsync(new GetBlockRequest { Height = height }, o), NodeConnection.QuickCall, ct);
        return BlockEvidence.From(block);
    }
}
