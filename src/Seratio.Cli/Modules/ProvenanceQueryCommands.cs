using System.Globalization;
using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using static Seratio.Cli.Modules.ProvenanceCommands;

namespace Seratio.Cli.Modules;

/// <summary><c>seratio provenance show|lineage|list</c>: read-only provenance queries over the public API.</summary>
internal static class ProvenanceQueryCommands
{
    private static Argument<ulong> IdArgument() => new("id") { Description = "Record id (1, 2, ...)" };
    private static Option<uint> PageSize() => new("--page-size") { Description = "Records per page, 1-100", DefaultValueFactory = _ => 50 };
    private static Option<string> PageToken() => new("--page-token") { Description = "next_page_token of the previous page", DefaultValueFactory = _ => "" };
    private static Option<ulong> Height() => new("--height") { Description = "A retained height (default: latest)" };

    public static Command Show(GlobalOptions options)
    {
        var id = IdArgument();
        var height = Height();
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof of the record" };
        var command = new Command("show", "Show a provenance record and the records correcting it") { id, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(id) == 0) throw CommandException.Usage("id must be at least 1");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync(
                (c, o) => c.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = parse.GetValue(id), Height = parse.GetValue(height), Prove = parse.GetValue(prove) }, o),
                NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new
                {
                    record = Json(r.Record),
                    corrections = r.Corrections.ToList(),
                    corrections_count = r.CorrectionsCount,
                    children_count = r.ChildrenCount,
                    height = r.Height,
                    state_root = Display.Hex(r.StateRoot),
                    proof = r.Proof is null ? null : ProofJson.Of(r.Proof),
                },
                () => Printer.Fields([
                    .. Fields(r.Record),
                    ("corrected by", r.CorrectionsCount == 0 ? "(nothing)" : string.Join(", ", r.Corrections.Select(Num)) + (r.CorrectionsCount > (ulong)r.Corrections.Count ? $" ... ({Num(r.CorrectionsCount)} in all)" : "")),
                    ("children", Num(r.ChildrenCount)),
                    ("height", Num(r.Height)),
                    ("state root", Display.HexText(r.StateRoot)),
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Lineage(GlobalOptions options)
    {
        var id = IdArgument();
        var direction = new Option<string>("--direction") { Description = "ancestors (inputs, theirs, ...) or descendants", DefaultValueFactory = _ => "ancestors" };
        var depth = new Option<uint>("--depth") { Description = "Levels to walk, 1-16", DefaultValueFactory = _ => 1 };
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("lineage", "Walk a record's ancestors or descendants breadth first") { id, direction, depth, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(direction) switch
            {
                "ancestors" => ProvenanceLineageDirection.Ancestors,
                "descendants" => ProvenanceLineageDirection.Descendants,
                var other => throw CommandException.Usage($"--direction '{other}' is unknown; use ancestors or descendants"),
            };
            if (parse.GetValue(depth) is 0 or > 16) throw CommandException.Usage("--depth must be 1-16");
            if (parse.GetValue(pageSize) is 0 or > 100) throw CommandException.Usage("--page-size must be 1-100");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync(
                (c, o) => c.GetProvenanceLineageAsync(new GetProvenanceLineageRequest
                {
                    Id = parse.GetValue(id), Direction = dir, Depth = parse.GetValue(depth),
                    PageSize = parse.GetValue(pageSize), PageToken = parse.GetValue(pageToken)!,
                }, o),
                NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { height = r.Height, entries = r.Entries.Select(e => new { depth = e.Depth, record = Json(e.Record) }).ToList(), next_page_token = r.NextPageToken },
                () => r.Entries.Select(e => Printer.Row(e.Depth.ToString(CultureInfo.InvariantCulture), Num(e.Record.Id), Vm.Modules.Provenance.Provenance.KindName(e.Record.EventKind), string.Join(",", e.Record.Items)))
                    .Prepend("depth\tid\tkind\titems")
                    .Append(Footer(r.Entries.Count, r.NextPageToken)));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command List(GlobalOptions options)
    {
        var entity = new Option<ulong>("--entity") { Description = "List the records of this entity" };
        var item = new Option<string>("--item") { Description = "List the records naming this item id", DefaultValueFactory = _ => "" };
        var lot = new Option<ulong>("--lot") { Description = "List the records linking this microshare lot" };
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("list", "List the records of an entity, an item or a microshare lot, by ascending id") { entity, item, lot, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            ulong entityId = parse.GetValue(entity);
            string itemId = parse.GetValue(item)!;
            ulong lotId = parse.GetValue(lot);
            int given = (entityId != 0 ? 1 : 0) + (itemId.Length != 0 ? 1 : 0) + (lotId != 0 ? 1 : 0);
            if (given != 1) throw CommandException.Usage("give exactly one of --entity ID, --item ITEM or --lot ID");
            if (parse.GetValue(pageSize) is 0 or > 100) throw CommandException.Usage("--page-size must be 1-100");
            var request = new ListProvenanceRecordsRequest { PageSize = parse.GetValue(pageSize), PageToken = parse.GetValue(pageToken)! };
            if (entityId != 0) request.EntityId = entityId;
            else if (lotId != 0) request.MicroshareLotId = lotId;
            else request.Item = itemId;
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListProvenanceRecordsAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { height = r.Height, total = r.Total, records = r.Records.Select(Json).ToList(), next_page_token = r.NextPageToken },
                () => r.Records.Select(e => Printer.Row(Num(e.Id), Vm.Modules.Provenance.Provenance.KindName(e.EventKind), string.Join(",", e.Items), $"inputs {string.Join(",", e.Inputs.Select(Num))}"))
                    .Append(Footer(r.Records.Count, r.NextPageToken) + $" of {Num(r.Total)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Footer(int shown, string next) =>
        next.Length == 0 ? $"({shown} shown, last page)" : $"(more: --page-token {next})";
}
