using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio microshare class-create|mint|send|burn|redeem</c> (transactions) and, through
/// <see cref="MicroshareQueryCommands"/>, <c>class-show|holdings|lot|lineage|totals</c>: microshare classes,
/// lots and their association flags (docs/modules/microshares.md).
/// </summary>
internal static class MicroshareCommands
{
    public static Command Create(GlobalOptions options)
    {
        var micro = new Command("microshare", "Create microshare classes; mint, send, burn and redeem microshares; show holdings, lots, lineage and totals");
        micro.Subcommands.Add(ClassCreate(options));
        micro.Subcommands.Add(Mint(options));
        micro.Subcommands.Add(Spend(options, "send", "Send units of a class lot by lot (oldest first unless --lots names them)", withRecipient: true));
        micro.Subcommands.Add(Spend(options, "burn", "Burn units of a class (the backing stays locked in the reserve)", withRecipient: false));
        micro.Subcommands.Add(Spend(options, "redeem", "Redeem units of a redeemable class for their lots' backing, pro rata", withRecipient: false));
        MicroshareQueryCommands.AddTo(micro, options);
        micro.Subcommands.Add(ProvenValueVerifyCommand.Lot(options));
        return micro;
    }

    internal static Argument<ulong> ClassArgument() => new("class") { Description = "Microshare class id (1, 2, ...)" };

    internal static ulong RequireId(ulong id, string what) => id == 0 ? throw CommandException.Usage($"{what} ids start at 1") : id;

    private static Command ClassCreate(GlobalOptions options)
    {
        var symbol = new Argument<string>("symbol") { Description = "2-12 of [A-Z0-9], starting with a letter; unique among classes" };
        var name = new Option<string>("--name") { Description = "Display name, 1-64 UTF-8 bytes", Required = true };
        var certificates = new Option<ulong[]>("--certificate") { Description = "A certificate the class carries (repeat for up to 16)", Required = true, AllowMultipleArgumentsPerToken = true };
        var rule = new Option<string>("--rule") { Description = "fixed (units = backing × n / d) or se-ratio (units = backing × S/E ratio × n / d)", DefaultValueFactory = _ => "fixed" };
        var numerator = new Option<ulong>("--numerator") { Description = "n, at least 1", DefaultValueFactory = _ => 1 };
        var denominator = new Option<ulong>("--denominator") { Description = "d, at least 1", DefaultValueFactory = _ => 1 };
        var redeemable = new Option<bool>("--redeemable") { Description = "Holders may redeem units for their lots' backing" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("class-create", "Create a microshare class (a rewarding body signs); its id is in the microshare_class_created event")
            { symbol, name, certificates, rule, numerator, denominator, redeemable });
        command.SetAction((parse, ct) =>
        {
            var kind = parse.GetValue(rule) switch
            {
                "fixed" => MintRuleKind.Fixed,
                "se-ratio" => MintRuleKind.SeRatio,
                var other => throw CommandException.Usage($"--rule '{other}' is unknown; use fixed or se-ratio"),
            };
            ulong n = parse.GetValue(numerator), d = parse.GetValue(denominator);
            if (n == 0 || d == 0) throw CommandException.Usage("--numerator and --denominator must be at least 1");
            var msg = new MsgCreateMicroshareClass
            {
                Symbol = CliValues.Symbol(parse.GetValue(symbol)!),
                Name = parse.GetValue(name)!,
                Rule = new MintRule { Kind = kind, Numerator = n, Denominator = d },
                Redeemable = parse.GetValue(redeemable),
            };
            foreach (var id in parse.GetValue(certificates) ?? []) msg.CertificateIds.Add(RequireId(id, "certificate"));
            return sender.SendAsync(parse, _ => new Msg { CreateMicroshareClass = msg }, ct);
        });
        return command;
    }

    private static Command Mint(GlobalOptions options)
    {
        var cls = ClassArgument();
        var certificate = new Option<ulong>("--certificate") { Description = "The certificate of the class the lot rests on", Required = true };
        var asset = new Option<string>("--asset") { Description = "Backing asset: SER or an altcoin symbol", DefaultValueFactory = _ => "SER" };
        var amount = new Option<string>("--amount") { Description = "Backing committed, in base units", Required = true };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("mint", "Commit backing to a class's reserve and receive microshares in a new lot") { cls, certificate, asset, amount });
        command.SetAction((parse, ct) =>
        {
            var origin = parse.GetValue(asset)!;
            if (origin != "SER") CliValues.Symbol(origin);
            var msg = new MsgMintMicroshares
            {
                ClassId = RequireId(parse.GetValue(cls), "class"),
                CertificateId = RequireId(parse.GetValue(certificate), "certificate"),
                OriginAsset = origin,
                OriginAmount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount"),
            };
            return sender.SendAsync(parse, _ => new Msg { MintMicroshares = msg }, ct);
        });
        return command;
    }

    private static Command Spend(GlobalOptions options, string verb, string description, bool withRecipient)
    {
        var cls = ClassArgument();
        var to = new Argument<string>("to") { Description = "Recipient address (ser1...)" };
        var units = new Option<string>("--units") { Description = "Units to " + verb, Required = true };
        var lots = new Option<ulong[]>("--lots") { Description = "Lots to take from, in order (default: movable lots, oldest first)", AllowMultipleArgumentsPerToken = true };
        var memo = new Option<string>("--memo") { Description = "Memo, at most 256 UTF-8 bytes", DefaultValueFactory = _ => "" };
        var sender = new MsgSender(options);
        var command = new Command(verb, description) { cls };
        if (withRecipient)
        {
            command.Arguments.Add(to);
            command.Options.Add(memo);
        }
        command.Options.Add(units);
        command.Options.Add(lots);
        sender.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            ulong classId = RequireId(parse.GetValue(cls), "class");
            var count = CliValues.BaseUnits(parse.GetValue(units)!, "--units");
            var named = (parse.GetValue(lots) ?? []).Select(id => RequireId(id, "lot")).ToArray();
            Msg msg = verb switch
            {
                "send" => new Msg
                {
                    SendMicroshares = new MsgSendMicroshares
                    {
                        ClassId = classId, Units = count, LotIds = { named }, Memo = parse.GetValue(memo)!,
                        To = CliValues.Address(parse.GetValue(to)!, "to").ToByteString(),
                    },
                },
                "burn" => new Msg { BurnMicroshares = new MsgBurnMicroshares { ClassId = classId, Units = count, LotIds = { named } } },
                _ => new Msg { RedeemMicroshares = new MsgRedeemMicroshares { ClassId = classId, Units = count, LotIds = { named } } },
            };
            return sender.SendAsync(parse, _ => msg, ct);
        });
        return command;
    }
}
