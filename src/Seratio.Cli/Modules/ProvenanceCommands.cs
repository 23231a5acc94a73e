using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Protocol;
using Seratio.Vm.Modules.Provenance;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio provenance append|show|lineage|list</c>: the provenance graph (docs/modules/provenance.md).
/// <c>append</c> goes through the module tx plumbing (<see cref="MsgSender"/>); the queries are in
/// <see cref="ProvenanceQueryCommands"/>. A bad value is a usage error (exit 2).
/// </summary>
internal static class ProvenanceCommands
{
    public static Command Create(GlobalOptions options)
    {
        var provenance = new Command("provenance", "Append provenance records and walk their lineage");
        provenance.Subcommands.Add(Append(options));
        provenance.Subcommands.Add(ProvenanceQueryCommands.Show(options));
        provenance.Subcommands.Add(ProvenanceQueryCommands.Lineage(options));
        provenance.Subcommands.Add(ProvenanceQueryCommands.List(options));
        provenance.Subcommands.Add(ProvenValueVerifyCommand.Record(options));
        return provenance;
    }

    private static Command Append(GlobalOptions options)
    {
        var entity = new Option<ulong>("--entity") { Description = "Subject entity id (the signer must be one of its controllers)", Required = true };
        var kind = new Option<string>("--kind") { Description = "object, aggregation, transformation, transaction or association", DefaultValueFactory = _ => "object" };
        var items = new Option<string[]>("--item") { Description = "Item id the event is about (repeat, 1-64)", Required = true };
        var location = new Option<string>("--where") { Description = "Where: a location id or URI, at most 256 bytes", DefaultValueFactory = _ => "" };
        var time = new Option<long>("--time-ms") { Description = "When, as unix milliseconds (default: now on this machine)" };
        var step = new Option<string>("--step") { Description = "Why: business step, e.g. shipping", DefaultValueFactory = _ => "" };
        var disposition = new Option<string>("--disposition") { Description = "Why: disposition, e.g. in_transit", DefaultValueFactory = _ => "" };
        var inputs = new Option<ulong[]>("--input") { Description = "Id of an earlier record this one comes from (repeat, at most 64)" };
        var links = new Option<string[]>("--link") { Description = "certificate:ID, lot:ID or asset:SYMBOL (repeat, at most 32)" };
        var uri = new Option<string>("--attributes-uri") { Description = "URI of an attributes document (empty = none)", DefaultValueFactory = _ => "" };
        var hash = new Option<string>("--attributes-hash") { Description = "SHA-256 of the attributes document, 64 hex digits (required with --attributes-uri)", DefaultValueFactory = _ => "" };
        var corrects = new Option<ulong>("--corrects") { Description = "Id of an earlier record of the same entity that this one corrects" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("append", "Append a provenance record; its id is in the receipt's provenance_appended event")
        {
            entity, kind, items, location, time, step, disposition, inputs, links, uri, hash, corrects,
        });
        command.SetAction((parse, ct) =>
        {
            if (!Provenance.TryParseKind(parse.GetValue(kind), out var k))
                throw CommandException.Usage($"--kind '{parse.GetValue(kind)}' is unknown; use object, aggregation, transformation, transaction or association");
            var msg = new MsgAppendProvenance
            {
                EntityId = parse.GetValue(entity),
                EventKind = k,
                Location = parse.GetValue(location)!,
                EventTimeMs = parse.GetValue(time) is > 0 and var t ? t : TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(),
                BusinessStep = parse.GetValue(step)!,
                Disposition = parse.GetValue(disposition)!,
                AttributesUri = parse.GetValue(uri)!,
                AttributesHash = CliValues.Hex(parse.GetValue(hash)!, "--attributes-hash", 32),
                Corrects = parse.GetValue(corrects),
            };
            msg.Items.Add(parse.GetValue(items) ?? []);
            msg.Inputs.Add(parse.GetValue(inputs) ?? []);
            foreach (var text in parse.GetValue(links) ?? [])
                msg.Links.Add(Provenance.ParseLink(text)
                    ?? throw CommandException.Usage($"--link '{text}' is not one; use certificate:ID, lot:ID or asset:SYMBOL"));
            // The node checks the same rules; checking here gives the message before anything is signed.
            var check = ProvenanceRules.Validate(msg);
            if (!check.IsOk) throw CommandException.Usage(check.Log);
            return sender.SendAsync(parse, _ => new Msg { AppendProvenance = msg }, ct);
        });
        return command;
    }

    internal static object Json(ProvenanceRecord r) => new
    {
        id = r.Id,
        entity = r.EntityId,
        kind = Provenance.KindName(r.EventKind),
        items = r.Items.ToList(),
        where = r.Location,
        event_time_ms = r.EventTimeMs,
        block_time_ms = r.BlockTimeMs,
        height = r.Height,
        business_step = r.BusinessStep,
        disposition = r.Disposition,
        inputs = r.Inputs.ToList(),
        links = r.Links.Select(Provenance.LinkText).ToList(),
        attributes_uri = r.AttributesUri,
        attributes_hash = Display.Hex(r.AttributesHash),
        signer = Display.Address(r.Signer),
        corrects = r.Corrects,
    };

    internal static (string, string)[] Fields(ProvenanceRecord r) =>
    [
        ("id", Num(r.Id)),
        ("entity", Num(r.EntityId)),
        ("kind", Provenance.KindName(r.EventKind)),
        ("items", string.Join(", ", r.Items)),
        ("where", r.Location.Length == 0 ? "(none)" : r.Location),
        ("when", $"{Num(r.EventTimeMs)} ms (block time {Num(r.BlockTimeMs)} ms, height {Num(r.Height)})"),
        ("why", $"{Or(r.BusinessStep)} / {Or(r.Disposition)}"),
        ("inputs", r.Inputs.Count == 0 ? "(none)" : string.Join(", ", r.Inputs.Select(Num))),
        ("links", r.Links.Count == 0 ? "(none)" : string.Join(", ", r.Links.Select(Provenance.LinkText))),
        ("attributes", r.AttributesUri.Length == 0 ? "(none)" : $"{r.AttributesUri} ({Display.HexText(r.AttributesHash)})"),
        ("signer", Display.Address(r.Signer)),
        ("corrects", r.Corrects == 0 ? "(nothing)" : Num(r.Corrects)),
    ];

    internal static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
    internal static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Or(string s) => s.Length == 0 ? "-" : s;
}
