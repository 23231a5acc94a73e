using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;

namespace Seratio.Cli.Validators;

/// <summary><c>seratio validators</c> and <c>seratio evidence list</c>: the validator set of a height and committed evidence.</summary>
internal static class ValidatorCommands
{
    public static Command Validators(GlobalOptions options)
    {
        var height = new Option<ulong>("--height") { Description = "Height whose validators to show (0 = the next height to commit)", DefaultValueFactory = _ => 0 };
        var command = new Command("validators", "Show the validator set of a height, the set after it and the jailed validators") { height };
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetValidatorsAsync(new GetValidatorsRequest { Height = parse.GetValue(height) }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new
                {
                    height = r.Height,
                    validators_hash = Display.Hex(r.ValidatorsHash),
                    total_power = r.TotalPower,
                    validators = r.Validators.Select(Json).ToList(),
                    pending = r.Pending.Select(Json).ToList(),
                    jailed = r.Jailed.Select(j => new { public_key = Display.Hex(j.PublicKey), jailed_at_height = j.JailedAtHeight, evidence_hash = Display.Hex(j.EvidenceHash) }).ToList(),
                },
                () => Text(r));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Evidence(GlobalOptions options)
    {
        var validator = new Option<string>("--validator") { Description = "Only evidence against this validator public key (64 hex digits)" };
        var offset = new Option<ulong>("--offset") { Description = "Skip this many records", DefaultValueFactory = _ => 0 };
        var limit = new Option<uint>("--limit") { Description = "Most records to show (1..1000)", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List committed evidence, oldest first") { validator, offset, limit };
        list.SetAction(async (parse, ct) =>
        {
            var request = new GetEvidenceRequest { Offset = parse.GetValue(offset), Limit = parse.GetValue(limit) };
            if (request.Limit is 0 or > 1000) throw CommandException.Usage("--limit must be 1..1000");
            if (parse.GetValue(validator) is { Length: > 0 } hex) request.Validator = Google.Protobuf.ByteString.CopyFrom(ParseKey(hex, "--validator"));
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetEvidenceAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { total = r.Total, evidence = r.Evidence.Select(Json).ToList() },
                () => r.Evidence.Count == 0
                    ? [$"no committed evidence (total {r.Total})"]
                    : r.Evidence.Select(e => $"{Display.Hex(e.Hash)}  validator {Display.Hex(e.Validator)}  height {e.Height} round {e.Round} {TypeName(e.Type)}  committed at {e.IncludedHeight}{(e.Jailed ? "  jailed" : "")}")
                        .Append($"({r.Evidence.Count} of {r.Total})"));
            return ExitCodes.Ok;
        });
        var command = new Command("evidence", "Committed evidence of validator misbehaviour");
        command.Subcommands.Add(list);
        return command;
    }

    /// <summary>A 32-byte public key from 64 hex digits; anything else is a usage error naming <paramref name="option"/>.</summary>
    internal static byte[] ParseKey(string hex, string option)
    {
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit)) throw CommandException.Usage($"{option} must be an Ed25519 public key of 64 hex digits");
        return Convert.FromHexString(hex);
    }

    private static object Json(ValidatorInfo v) => new { public_key = Display.Hex(v.PublicKey), address = v.Address, power = v.Power, name = v.Name };

    private static object Json(EvidenceRecord e) => new
    {
        hash = Display.Hex(e.Hash), validator = Display.Hex(e.Validator), height = e.Height, round = e.Round, type = TypeName(e.Type),
        included_height = e.IncludedHeight, jailed = e.Jailed,
    };

    private static string TypeName(VoteType type) => type switch
    {
        VoteType.Prevote => "prevote",
        VoteType.Precommit => "precommit",
        _ => "unspecified",
    };

    private static IEnumerable<string> Text(ValidatorsResponse r)
    {
        yield return $"height {r.Height}: {r.Validators.Count} validators, total power {r.TotalPower.ToString(CultureInfo.InvariantCulture)}, hash {Display.Hex(r.ValidatorsHash)}";
        foreach (var v in r.Validators) yield return $"  {Display.Hex(v.PublicKey)}  {v.Address}  power {v.Power}  {v.Name}";
        yield return $"height {r.Height + 1} (pending): {r.Pending.Count} validators";
        foreach (var v in r.Pending) yield return $"  {Display.Hex(v.PublicKey)}  power {v.Power}  {v.Name}";
        if (r.Jailed.Count > 0) yield return "jailed:";
        foreach (var j in r.Jailed) yield return $"  {Display.Hex(j.PublicKey)}  at height {j.JailedAtHeight}  evidence {Display.Hex(j.EvidenceHash)}";
    }
}
