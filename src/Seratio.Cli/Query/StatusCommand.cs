using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;

namespace Seratio.Cli.Query;

/// <summary><c>seratio status</c>: the node's chain id, height and hashes, and where its consensus is (round, step, role, peers).</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("status", "Show the node's chain id, latest height and hashes, consensus round and step, role and peers");
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var s = await node.StatusAsync(ct);
            var c = await ConsensusText.TryReadAsync(node, ct);
            options.Printer(parse).Result(
                new
                {
                    node = node.Url.GetLeftPart(UriPartial.Authority),
                    chain_id = s.ChainId,
                    latest_height = s.LatestHeight,
                    latest_block_hash = Display.Hex(s.LatestBlockHash),
                    latest_state_root = Display.Hex(s.LatestStateRoot),
                    latest_block_time_unix_ms = s.LatestBlockTimeUnixMs,
                    mempool_size = s.MempoolSize,
                    node_version = s.NodeVersion,
                    validator_address = s.ValidatorAddress,
                    genesis_hash = Display.Hex(s.GenesisHash),
                    consensus = c is null ? null : ConsensusText.Json(c),
                },
                () => Printer.Fields(
                    ("node", node.Url.GetLeftPart(UriPartial.Authority)),
                    ("chain id", s.ChainId),
                    ("height", s.LatestHeight.ToString(CultureInfo.InvariantCulture)),
                    ("block hash", Display.HexText(s.LatestBlockHash)),
                    ("state root", Display.HexText(s.LatestStateRoot)),
                    ("block time", Display.Time(s.LatestBlockTimeUnixMs)),
                    ("mempool", s.MempoolSize.ToString(CultureInfo.InvariantCulture) + " txs"),
                    ("version", s.NodeVersion),
                    ("validator", ValidatorText(s.ValidatorAddress, c)),
                    ("genesis hash", Display.HexText(s.GenesisHash)),
                    ("consensus", c is null ? $"height {s.ConsensusHeight} round {s.ConsensusRound}" : ConsensusText.Progress(c)),
                    ("role", c is null ? "(unknown)" : ConsensusText.Role(c)),
                    ("peers", c is null ? s.Peers.ToString(CultureInfo.InvariantCulture) : ConsensusText.Peers(c))));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The node's validator key address; a node whose key the current validator set does not name (not yet added, or
    /// removed) says so, since it follows the chain as an observer.
    /// </summary>
    internal static string ValidatorText(string address, Protocol.ConsensusState? consensus) =>
        address.Length == 0 ? "(not a validator)"
        : consensus is { Role: Protocol.NodeRole.Observer } ? address + " (key not in the current validator set)"
        : address;
}
