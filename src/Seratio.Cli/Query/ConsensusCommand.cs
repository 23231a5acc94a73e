using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;

namespace Seratio.Cli.Query;

/// <summary><c>seratio consensus</c>: the node's consensus state (GetConsensusState) as fields and tables, or JSON.</summary>
internal static class ConsensusCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("consensus", "Show the node's consensus state: height, round, step, proposer, locks, this round's votes per validator, peers");
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var s = await ConsensusText.TryReadAsync(node, ct)
                ?? throw CommandException.Failed($"the node at {node.Url.GetLeftPart(UriPartial.Authority)} does not serve GetConsensusState (an older version); use 'seratio status'");
            options.Printer(parse).Result(ConsensusText.Json(s), () =>
            {
                var lines = Printer.Fields(
                    ("node", node.Url.GetLeftPart(UriPartial.Authority)),
                    ("consensus", ConsensusText.Progress(s)),
                    ("role", ConsensusText.Role(s)),
                    ("latest block", s.LatestHeight.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("proposer", s.Proposer.Length == 0 ? "(none)" : s.Proposer),
                    ("locked", s.LockedRound < 0 ? "(none)" : $"round {s.LockedRound} {Display.Hex(s.LockedBlockHash)}"),
                    ("valid", s.ValidRound < 0 ? "(none)" : $"round {s.ValidRound} {Display.Hex(s.ValidBlockHash)}"),
                    ("height started", Display.Time(s.HeightStartUnixMs)),
                    ("peers", s.Peers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
                lines.Add("");
                lines.AddRange(ConsensusText.Tables(s));
                return lines;
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
