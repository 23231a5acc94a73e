using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;

namespace Seratio.Cli.Query;

/// <summary>
/// <c>seratio query checkpoint [HEIGHT|latest]</c> and <c>seratio query checkpoints</c>: the anchor module's checkpoints
/// (docs/anchoring.md) with, per target, the signatures sorted by signer and the ready flag. Text or --output json.
/// </summary>
internal static class CheckpointCommands
{
    public static Command Checkpoint(GlobalOptions options)
    {
        var which = new Argument<string>("height") { Description = "A checkpoint height, or 'latest' for the latest ready one", DefaultValueFactory = _ => "latest" };
        var target = new Option<string>("--target") { Description = "With 'latest': ready for this target (eth, etc, ...)", DefaultValueFactory = _ => "" };
        var height = new Option<ulong>("--height") { Description = "A retained state height to read at (default: latest)" };
        var command = new Command("checkpoint", "Show a checkpoint, its signatures per target and whether it is ready") { which, target, height };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(which)!;
            ulong checkpointHeight = 0;
            if (text != "latest" && (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out checkpointHeight) || checkpointHeight == 0))
                throw CommandException.Usage($"'{text}' is neither a checkpoint height (1, 10, ...) nor 'latest'");
            var request = new GetCheckpointRequest { CheckpointHeight = checkpointHeight, Target = parse.GetValue(target)!, Height = parse.GetValue(height) };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetCheckpointAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(new { height = r.Height, checkpoint = Json(r.Checkpoint) }, () => Text(r.Checkpoint));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command List(GlobalOptions options)
    {
        var pageSize = new Option<uint>("--page-size") { Description = "Checkpoints per page, 1-100", DefaultValueFactory = _ => 50 };
        var pageToken = new Option<string>("--page-token") { Description = "next_page_token of the previous page", DefaultValueFactory = _ => "" };
        var height = new Option<ulong>("--height") { Description = "A retained state height to read at (default: latest)" };
        var command = new Command("checkpoints", "List checkpoints, newest first, with each target's signed power and ready flag") { pageSize, pageToken, height };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(pageSize) is 0 or > 100) throw CommandException.Usage("--page-size must be 1-100");
            var request = new ListCheckpointsRequest { PageSize = parse.GetValue(pageSize), PageToken = parse.GetValue(pageToken)!, Height = parse.GetValue(height) };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListCheckpointsAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { height = r.Height, total = r.Total, checkpoints = r.Checkpoints.Select(Json).ToList(), next_page_token = r.NextPageToken },
                () => r.Checkpoints.Select(c => Printer.Row(Num(c.Height), Display.Hex(c.BlockHash),
                        string.Join(" ", c.Targets.Select(t => $"{t.Target.Name}:{t.Signatures.Count}sig{(t.Ready ? ",ready" : "")}"))))
                    .Append($"{r.Checkpoints.Count} of {Num(r.Total)} checkpoints" + (r.NextPageToken.Length > 0 ? $"; next page: --page-token {r.NextPageToken}" : "")));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static object Json(CheckpointRecord c) => new
    {
        seratio_chain_id = c.SeratioChainId,
        height = c.Height,
        block_hash = "0x" + Display.Hex(c.BlockHash),
        state_root = "0x" + Display.Hex(c.StateRoot),
        anchor_set_hash = "0x" + Display.Hex(c.AnchorSetHash),
        next_anchor_set_hash = "0x" + Display.Hex(c.NextAnchorSetHash),
        anchor_set = c.AnchorSet.Members.Select(Member).ToList(),
        next_anchor_set = c.NextAnchorSet.Members.Select(Member).ToList(),
        total_power = c.TotalPower,
        created_height = c.CreatedHeight,
        targets = c.Targets.Select(t => new
        {
            name = t.Target.Name,
            evm_chain_id = t.Target.EvmChainId,
            contract = "0x" + Display.Hex(t.Target.Contract),
            ready = t.Ready,
            ready_height = t.ReadyHeight,
            signed_power = t.SignedPower,
            signatures = t.Signatures.Select(s => new
            {
                signer = "0x" + Display.Hex(s.Signer),
                signature = "0x" + Display.Hex(s.Signature),
                validator = Display.Hex(s.ValidatorPublicKey),
                power = s.Power,
            }).ToList(),
        }).ToList(),
    };

    private static object Member(AnchorSetMember m) => new { address = "0x" + Display.Hex(m.AnchorAddress), power = m.Power, validator = Display.Hex(m.ValidatorPublicKey) };

    private static IEnumerable<string> Text(CheckpointRecord c)
    {
        var fields = new List<(string, string)>
        {
            ("chain id", c.SeratioChainId),
            ("height", Num(c.Height)),
            ("block hash", "0x" + Display.Hex(c.BlockHash)),
            ("state root", "0x" + Display.Hex(c.StateRoot)),
            ("anchor set", $"0x{Display.Hex(c.AnchorSetHash)} ({c.AnchorSet.Members.Count} members, power {Num(c.TotalPower)})"),
            ("next anchor set", c.NextAnchorSetHash.Equals(c.AnchorSetHash) ? "(unchanged)" : $"0x{Display.Hex(c.NextAnchorSetHash)} ({c.NextAnchorSet.Members.Count} members)"),
            ("recorded in block", Num(c.CreatedHeight)),
        };
        foreach (var t in c.Targets)
        {
            fields.Add(($"target {t.Target.Name}", $"evm chain {Num(t.Target.EvmChainId)}, contract 0x{Display.Hex(t.Target.Contract)}: {t.Signatures.Count} signatures, power {Num(t.SignedPower)}/{Num(c.TotalPower)}, {(t.Ready ? $"ready at block {Num(t.ReadyHeight)}" : "not ready")}"));
            foreach (var s in t.Signatures) fields.Add(("  signer", $"0x{Display.Hex(s.Signer)} (power {Num(s.Power)})"));
        }
        return Printer.Fields([.. fields]);
    }

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
