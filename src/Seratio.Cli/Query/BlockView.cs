using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Query;

/// <summary>Prints a block: header, commit and the ids of its transactions.</summary>
internal static class BlockView
{
    public static void Print(Printer printer, BlockResponse b)
    {
        var h = b.Block?.Header ?? new BlockHeader();
        var txs = b.Block?.Txs.Select(t => QueryCommands.TxHash(t) ?? "(undecodable)").ToList() ?? [];
        printer.Result(
            new
            {
                block_hash = Display.Hex(b.BlockHash),
                chain_id = h.ChainId,
                height = h.Height,
                time_unix_ms = h.TimeUnixMs,
                parent_hash = Display.Hex(h.ParentHash),
                tx_root = Display.Hex(h.TxRoot),
                state_root = Display.Hex(h.StateRoot),
                results_root = Display.Hex(h.ResultsRoot),
                validators_hash = Display.Hex(h.ValidatorsHash),
                proposer = Display.Address(h.Proposer),
                last_commit_hash = Display.Hex(h.LastCommitHash),
                tx_count = h.TxCount,
                txs,
                commit_signatures = b.Commit?.Signatures.Count ?? 0,
            },
            () =>
            {
                var fields = new List<(string, string)>
                {
                    ("height", h.Height.ToString(CultureInfo.InvariantCulture)),
                    ("hash", Display.HexText(b.BlockHash)),
                    ("chain id", h.ChainId),
                    ("time", Display.Time(h.TimeUnixMs)),
                    ("parent", Display.HexText(h.ParentHash)),
                    ("state root", Display.HexText(h.StateRoot)),
                    ("tx root", Display.HexText(h.TxRoot)),
                    ("results root", Display.HexText(h.ResultsRoot)),
                    ("validators", Display.HexText(h.ValidatorsHash)),
                    ("proposer", Display.Address(h.Proposer)),
                    ("commit", $"{b.Commit?.Signatures.Count ?? 0} signatures"),
                    ("txs", h.TxCount.ToString(CultureInfo.InvariantCulture)),
                };
                fields.AddRange(txs.Select(t => ("tx", t)));
                return Printer.Fields([.. fields]);
            });
    }
}
