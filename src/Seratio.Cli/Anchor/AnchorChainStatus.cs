using System.Globalization;
using System.Numerics;
using Grpc.Core;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Seratio.Bridges.Contracts;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;

namespace Seratio.Cli.Anchor;

/// <summary>
/// What <c>seratio anchor status</c> reports for one chain: the contract's last anchored height, the transaction that
/// anchored it (from its <c>CheckpointAnchored</c> log) and how deep it is, the contract's anchor set, and the Seratio
/// node's latest checkpoint ready for this target, so the lag is visible. Immutable.
/// </summary>
internal sealed record AnchorChainStatus
{
    /// <summary>topic0 of <c>CheckpointAnchored(uint64 indexed height, bytes32 blockHash, bytes32 stateRoot, bytes32 anchorSetHash)</c>.</summary>
    private static readonly string AnchoredTopic =
        "0x" + Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash("CheckpointAnchored(uint64,bytes32,bytes32,bytes32)"u8.ToArray()));
    private static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(10);

    public required string Name { get; init; }
    public required string Rpc { get; init; }
    public required long EvmChainId { get; init; }
    public required string Contract { get; init; }
    /// <summary>The contract's lastHeight; 0 while nothing is anchored.</summary>
    public required ulong AnchoredHeight { get; init; }
    /// <summary>The transaction that anchored <see cref="AnchoredHeight"/>; null while nothing is anchored.</summary>
    public string? TxHash { get; init; }
    public ulong? BlockNumber { get; init; }
    /// <summary>Head − inclusion block + 1, as the relayer counts them.</summary>
    public ulong? Confirmations { get; init; }
    public required ulong Head { get; init; }
    public required BigInteger Epoch { get; init; }
    public required string AnchorSetHash { get; init; }
    /// <summary>The node's latest checkpoint ready for this target; null when it has none yet.</summary>
    public ulong? NodeReadyHeight { get; init; }
    /// <summary>Ready on the node minus anchored, in heights; null when the node has no ready checkpoint.</summary>
    public ulong? Lag => NodeReadyHeight is { } ready ? (ready > AnchoredHeight ? ready - AnchoredHeight : 0) : null;

    /// <summary>Reads <paramref name="chain"/>'s contract and asks <paramref name="node"/> for its latest ready checkpoint of that target.</summary>
    /// <exception cref="CommandException">the EVM node or the Seratio node does not answer, or no anchor contract is at the address.</exception>
    public static async Task<AnchorChainStatus> ReadAsync(AnchorChain chain, NodeConnection node, AnchorArtifacts artifacts, CancellationToken ct)
    {
        var web3 = new Web3(chain.Rpc);
        var (evmChainId, head, code) = await Evm(chain, async () => (
            (long)(await web3.Eth.ChainId.SendRequestAsync()).Value,
            (ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value,
            await web3.Eth.GetCode.SendRequestAsync(chain.Contract)), ct);
        if (code is null or "0x" or "")
            throw CommandException.Failed($"no contract at {chain.Contract} on {chain.Name} ({chain.Rpc}, chain id {evmChainId}): check --contract, or that the devnet still runs");
        var contract = AnchorContract.At(web3, artifacts, chain.Contract, evmChainId);
        var (anchored, epoch, setHash) = await Evm(chain, async () =>
            (await contract.LastHeightAsync(), await contract.EpochAsync(), await contract.AnchorSetHashAsync()), ct);
        FilterLog? log = null;
        if (anchored > 0)
        {
            var filter = new NewFilterInput
            {
                Address = [chain.Contract],
                FromBlock = BlockParameter.CreateEarliest(),
                ToBlock = BlockParameter.CreateLatest(),
                Topics = [AnchoredTopic, "0x" + anchored.ToString("x64", CultureInfo.InvariantCulture)],
            };
            var logs = await Evm(chain, () => web3.Eth.Filters.GetLogs.SendRequestAsync(filter), ct);
            log = logs.LastOrDefault(l => l.Removed != true);
        }
        ulong? block = log is null ? null : (ulong)log.BlockNumber.Value;
        return new AnchorChainStatus
        {
            Name = chain.Name, Rpc = chain.Rpc, EvmChainId = evmChainId, Contract = chain.Contract,
            AnchoredHeight = anchored, TxHash = log?.TransactionHash, BlockNumber = block,
            Confirmations = block is { } b && head >= b ? head - b + 1 : null,
            Head = head, Epoch = epoch, AnchorSetHash = "0x" + Convert.ToHexStringLower(setHash),
            NodeReadyHeight = await ReadyOnNodeAsync(node, chain.Name, ct),
        };
    }

    private static async Task<ulong?> ReadyOnNodeAsync(NodeConnection node, string target, CancellationToken ct)
    {
        try
        {
            var response = await node.Client.GetCheckpointAsync(new GetCheckpointRequest { CheckpointHeight = 0, Target = target },
                deadline: DateTime.UtcNow + NodeConnection.QuickCall, cancellationToken: ct);
            return response.Checkpoint.Height;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw CommandException.Failed(RpcErrors.Describe(e.Status, node.Url));
        }
    }

    /// <summary>Runs JSON-RPC reads with a deadline; an unreachable or failing EVM node becomes one plain message.</summary>
    private static async Task<T> Evm<T>(AnchorChain chain, Func<Task<T>> read, CancellationToken ct)
    {
        try
        {
            return await read().WaitAsync(RpcTimeout, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or RpcClientUnknownException or RpcClientTimeoutException or RpcResponseException)
        {
            throw CommandException.Failed(
                $"the {chain.Name} EVM node at {chain.Rpc} does not answer ({Innermost(e).Message}); is it running (seratio devnet --anchor), and is --rpc right?");
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
