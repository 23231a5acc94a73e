using System.Globalization;
using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Seratio.LoadGen.AnchorLag;

/// <summary>A CheckpointAnchored event: the Seratio height and the EVM block that included it. Immutable.</summary>
internal sealed record AnchoredEvent(ulong Height, ulong EvmBlock);

/// <summary>
/// Reads the anchor contract's <c>CheckpointAnchored(uint64 indexed height, …)</c> events on one EVM chain with
/// <c>eth_getLogs</c>, each block range once, from the head at start on. Not thread safe: one loop reads it.
/// </summary>
internal sealed class AnchoredEvents(WatchedChain chain)
{
    /// <summary>keccak256("CheckpointAnchored(uint64,bytes32,bytes32,bytes32)"), the event's topic 0.</summary>
    public static readonly string Topic = "0x" + Nethereum.Util.Sha3Keccack.Current.CalculateHash("CheckpointAnchored(uint64,bytes32,bytes32,bytes32)");

    private readonly Web3 _web3 = new(chain.RpcUrl);
    private BigInteger _next = -1;

    public WatchedChain Chain { get; } = chain;

    /// <summary>Events in blocks not read before, oldest first; the first call only notes the head (earlier events are not this run's).</summary>
    public async Task<IReadOnlyList<AnchoredEvent>> NewAsync()
    {
        var head = (await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false)).Value;
        if (_next < 0)
        {
            _next = head + 1;
            return [];
        }
        if (head < _next) return [];
        var logs = await _web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            Address = [Chain.Contract],
            FromBlock = new BlockParameter(new HexBigInteger(_next)),
            ToBlock = new BlockParameter(new HexBigInteger(head)),
            Topics = [Topic],
        }).ConfigureAwait(false);
        _next = head + 1;
        return [.. logs.Select(l => new AnchoredEvent(
            ulong.Parse(l.Topics[1].ToString()![^16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            (ulong)l.BlockNumber.Value))];
    }
}
