using System.CommandLine;
using System.Text;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Roles;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio daf propose</c>: a proposal whose messages run as the authority if it passes. The messages come from
/// <c>--msg-file</c> (protobuf JSON), or from one sub-form per authority action (<c>grant-role</c>, <c>revoke-role</c>,
/// <c>register-method</c>, <c>set-validator</c>, <c>halt-market</c>, <c>create-market</c>, <c>transfer</c> from the
/// treasury, <c>set-members</c>, <c>set-params</c>); none is a signal. The deposit defaults to the chain's
/// min_deposit, so the proposal goes to the vote at once. Also <c>daf set-members|set-params</c>, which the authority
/// signs itself before it hands over. Every value is parsed before a key is opened. Stateless.
/// </summary>
internal static class DafProposeCommands
{
    /// <summary>Gas limit by default of a proposal's transaction (submission charges for the messages it stores) and of set-members/set-params.</summary>
    public const ulong DefaultGasLimit = 2_000_000;

    public static Command Create(GlobalOptions options)
    {
        var msgFile = new Option<string?>("--msg-file") { Description = "A JSON file of the messages to run: [{\"grantRole\": {...}}, ...] in protobuf JSON (bytes as base64); none = a signal" };
        var propose = Form(options, "propose", "Submit a proposal (with --msg-file, or a sub-form below; neither = a signal with no messages)", [msgFile],
            (parse, _, _) => Task.FromResult(parse.GetValue(msgFile) is { } path ? DafValues.MsgFile(path) : []));
        propose.Subcommands.Add(GrantRole(options));
        propose.Subcommands.Add(RevokeRole(options));
        propose.Subcommands.Add(RegisterMethod(options));
        propose.Subcommands.Add(SetValidator(options));
        propose.Subcommands.Add(HaltMarket(options));
        propose.Subcommands.Add(CreateMarket(options));
        propose.Subcommands.Add(Transfer(options));
        propose.Subcommands.Add(SetMembers(options, direct: false));
        propose.Subcommands.Add(SetParams(options, direct: false));
        return propose;
    }

    /// <summary><c>daf set-members</c> and <c>daf set-params</c> signed by the authority itself (before it hands over to the DAF).</summary>
    public static IEnumerable<Command> Direct(GlobalOptions options) => [SetMembers(options, direct: true), SetParams(options, direct: true)];

    private delegate Task<List<Msg>> Build(ParseResult parse, GlobalOptions options, CancellationToken ct);

    /// <summary>A propose command: the proposal's own options, <paramref name="own"/> and the signing options; <paramref name="build"/> gives the messages.</summary>
    private static Command Form(GlobalOptions options, string name, string description, Option[] own, Build build)
    {
        var title = new Option<string>("--title") { Description = "What the proposal does, 1-140 UTF-8 bytes", Required = true };
        var uri = new Option<string>("--uri") { Description = "Where the proposal's full text lives (at most 256 bytes)", DefaultValueFactory = _ => "" };
        var hash = new Option<string>("--hash") { Description = "SHA-256 of the document at --uri, 64 hex digits", DefaultValueFactory = _ => "" };
        var deposit = new Option<string?>("--deposit") { Description = "Initial deposit in SER base units (default: the chain's min_deposit, so the vote opens at once)" };
        var expedited = new Option<bool>("--expedited") { Description = "Emergency kind (halting a market, removing a validator only): shorter vote, higher threshold, no timelock" };
        var sender = new MsgSender(options, DefaultGasLimit, signer: "the proposer");
        var command = sender.AddTo(new Command(name, description) { title, uri, hash, deposit, expedited });
        foreach (var option in own) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var submit = new MsgSubmitProposal
            {
                Title = parse.GetValue(title)!,
                MetadataUri = parse.GetValue(uri)!,
                MetadataHash = CliValues.Hex(parse.GetValue(hash)!, "--hash", 32),
                Expedited = parse.GetValue(expedited),
            };
            if (submit.Title.Length == 0) throw CommandException.Usage("--title is empty; say what the proposal does");
            if (parse.GetValue(deposit) is { } given) submit.InitialDeposit = CliValues.BaseUnits(given, "--deposit");
            submit.Msgs.Add(await build(parse, options, ct));
            if (submit.InitialDeposit.Length == 0)
            {
                using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
                var p = await node.CallAsync((c, o) => c.GetDafParamsAsync(new GetDafParamsRequest(), o), NodeConnection.QuickCall, ct);
                submit.InitialDeposit = p.Params.MinDeposit;
            }
            string? proposalId = null;
            int code = await sender.SendAsync(parse, _ => new Msg { SubmitProposal = submit }, sent =>
            {
                proposalId = sent.Receipt is null ? null : ProposalIdOf(sent.Receipt);
                return new { tx_hash = sent.Hash, from = sent.From, proposal_id = proposalId, messages = submit.Msgs.Count, initial_deposit = submit.InitialDeposit, nonce = sent.Body.Nonce, receipt = sent.ReceiptJson };
            }, ct);
            var printer = options.Printer(parse);
            if (!printer.IsJson && proposalId is not null) printer.Result(new { }, () => Printer.Fields(("proposal", proposalId)));
            return code;
        });
        return command;
    }

    /// <summary>The id a submission's receipt names (its "daf.proposal" event), or null.</summary>
    internal static string? ProposalIdOf(Receipt receipt) =>
        receipt.Events.Where(e => e.Type == "daf.proposal").SelectMany(e => e.Attributes).FirstOrDefault(a => a.Key == "id")?.Value;

    private static Command GrantRole(GlobalOptions options)
    {
        var account = new Option<string>("--account") { Description = "Who receives the role (ser1...)", Required = true };
        var role = new Option<string>("--role") { Description = "issuer or rewarding-body", Required = true };
        var methods = new Option<string[]>("--method") { Description = "issuer only: a method the issuer may use (repeat; none = every method)" };
        return Form(options, "grant-role", "Propose granting a role", [account, role, methods], (parse, _, _) =>
        {
            var grant = new MsgGrantRole { Account = CliValues.Address(parse.GetValue(account)!, "--account").ToByteString(), Role = ParseRole(parse.GetValue(role)!) };
            grant.Methods.Add(parse.GetValue(methods) ?? []);
            if (grant.Methods.Count > 0 && grant.Role != Role.Issuer) throw CommandException.Usage("--method applies to the issuer role only");
            return One(new Msg { GrantRole = grant });
        });
    }

    private static Command RevokeRole(GlobalOptions options)
    {
        var account = new Option<string>("--account") { Description = "Who loses the role (ser1...)", Required = true };
        var role = new Option<string>("--role") { Description = "issuer or rewarding-body", Required = true };
        return Form(options, "revoke-role", "Propose withdrawing a role", [account, role], (parse, _, _) =>
            One(new Msg { RevokeRole = new MsgRevokeRole { Account = CliValues.Address(parse.GetValue(account)!, "--account").ToByteString(), Role = ParseRole(parse.GetValue(role)!) } }));
    }

    private static Command RegisterMethod(GlobalOptions options)
    {
        var method = new Option<string>("--method") { Description = "Method id, 1-64 of [A-Za-z0-9._:/-]", Required = true };
        var version = new Option<uint>("--version") { Description = "The version to register: the latest + 1 (1 for a new method)", DefaultValueFactory = _ => 1 };
        var description = new Option<string>("--description") { Description = "What the method measures, 1-1024 UTF-8 bytes", Required = true };
        var documentUri = new Option<string>("--document-uri") { Description = "Where the method's document lives (empty = none)", DefaultValueFactory = _ => "" };
        var documentHash = new Option<string>("--document-hash") { Description = "SHA-256 of the method's document, 64 hex digits", Required = true };
        return Form(options, "register-method", "Propose registering a version of an S/E method", [method, version, description, documentUri, documentHash], (parse, _, _) =>
        {
            var id = parse.GetValue(method)!;
            if (Methods.IdProblem(id) is { } problem) throw CommandException.Usage(problem);
            var hash = CliValues.Hex(parse.GetValue(documentHash)!, "--document-hash", 32);
            if (hash.Length != 32) throw CommandException.Usage("--document-hash is required: 64 hex digits");
            return One(new Msg { RegisterMethod = new MsgRegisterMethod { Id = id, Version = parse.GetValue(version), Description = parse.GetValue(description)!, DocumentUri = parse.GetValue(documentUri)!, DocumentHash = hash } });
        });
    }

    private static Command SetValidator(GlobalOptions options)
    {
        var pubkey = new Option<string>("--pubkey") { Description = "Validator's Ed25519 public key, 64 hex digits", Required = true };
        var power = new Option<ulong>("--power") { Description = "Voting power; 0 removes the validator (an emergency kind: may be --expedited)", Required = true };
        var name = new Option<string>("--name") { Description = "Validator name, at most 64 UTF-8 bytes", DefaultValueFactory = _ => "" };
        return Form(options, "set-validator", "Propose adding, re-weighting or removing (power 0) a validator: critical, needs 2/3 of the council; at most 1/3 of the power moves per proposal", [pubkey, power, name], (parse, _, _) =>
        {
            var key = Validators.ValidatorCommands.ParseKey(parse.GetValue(pubkey)!, "--pubkey");
            var validatorName = parse.GetValue(name)!;
            if (Encoding.UTF8.GetByteCount(validatorName) > Validators.SetValidatorCommand.MaxNameBytes) throw CommandException.Usage("--name is longer than 64 UTF-8 bytes");
            return One(new Msg { SetValidator = new MsgSetValidator { PublicKey = ByteString.CopyFrom(key), Power = parse.GetValue(power), Name = validatorName } });
        });
    }

    private static Command HaltMarket(GlobalOptions options)
    {
        var market = new Option<ulong>("--market") { Description = "Market id", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (at most 256 UTF-8 bytes); required when halting", DefaultValueFactory = _ => "" };
        var resume = new Option<bool>("--resume") { Description = "Resume a halted market instead (not an emergency kind)" };
        return Form(options, "halt-market", "Propose halting a market (an emergency kind: may be --expedited), or resuming it", [market, reason, resume], (parse, _, _) =>
        {
            var msg = new MsgHaltMarket { MarketId = MicroshareCommands.RequireId(parse.GetValue(market), "market"), Halted = !parse.GetValue(resume), Reason = parse.GetValue(reason)! };
            if (msg.Halted && msg.Reason.Length == 0) throw CommandException.Usage("--reason is required when halting: say why, so traders know");
            if (Encoding.UTF8.GetByteCount(msg.Reason) > 256) throw CommandException.Usage("--reason is longer than 256 UTF-8 bytes");
            return One(new Msg { HaltMarket = msg });
        });
    }

    private static Command CreateMarket(GlobalOptions options)
    {
        var baseAsset = new Option<string>("--base") { Description = "What is traded: SER, an altcoin symbol or ms:<class id>", Required = true };
        var quote = new Option<string>("--quote") { Description = "What it is priced in: SER or an altcoin symbol", Required = true };
        var tick = new Option<string>("--tick") { Description = "Price step, at least 1", Required = true };
        var lot = new Option<string>("--lot") { Description = "Quantity step in base units, at least 1", Required = true };
        var minValue = new Option<string>("--min-value") { Description = "Least price × quantity of an order, at least 1", Required = true };
        var makerBps = new Option<uint>("--maker-bps") { Description = "Fee of resting orders, 0-1000 bps", DefaultValueFactory = _ => 0 };
        var takerBps = new Option<uint>("--taker-bps") { Description = "Fee of a block's new orders, 1-1000 bps", Required = true };
        return Form(options, "create-market", "Propose listing a market", [baseAsset, quote, tick, lot, minValue, makerBps, takerBps], (parse, _, _) =>
        {
            var msg = new MsgCreateMarket
            {
                Base = ExchangeValues.Asset(parse.GetValue(baseAsset)!, "--base", allowMicroshares: true),
                Quote = ExchangeValues.Asset(parse.GetValue(quote)!, "--quote", allowMicroshares: false),
                TickSize = CliValues.BaseUnits(parse.GetValue(tick)!, "--tick"),
                LotSize = CliValues.BaseUnits(parse.GetValue(lot)!, "--lot"),
                MinOrderValue = CliValues.BaseUnits(parse.GetValue(minValue)!, "--min-value"),
                MakerFeeBps = parse.GetValue(makerBps),
                TakerFeeBps = parse.GetValue(takerBps),
            };
            if (msg.Base == msg.Quote) throw CommandException.Usage($"--base and --quote are both {msg.Base}; a market trades two different assets");
            if (msg.MakerFeeBps > 1000) throw CommandException.Usage($"--maker-bps {msg.MakerFeeBps} is above 1000 (10 %)");
            if (msg.TakerFeeBps is 0 or > 1000) throw CommandException.Usage($"--taker-bps {msg.TakerFeeBps} must be 1-1000");
            return One(new Msg { CreateMarket = msg });
        });
    }

    private static Command Transfer(GlobalOptions options)
    {
        var to = new Option<string>("--to") { Description = "Who the treasury pays (ser1...)", Required = true };
        var amount = new Option<string>("--amount") { Description = "SER base units", Required = true };
        var memo = new Option<string>("--memo") { Description = "At most 256 UTF-8 bytes", DefaultValueFactory = _ => "" };
        return Form(options, "transfer", "Propose a payout from the treasury (the DAF's account)", [to, amount, memo], (parse, _, _) =>
        {
            var msg = new MsgTransfer { To = CliValues.Address(parse.GetValue(to)!, "--to").ToByteString(), Denom = "SER", Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount"), Memo = parse.GetValue(memo)! };
            if (Encoding.UTF8.GetByteCount(msg.Memo) > 256) throw CommandException.Usage("--memo is longer than 256 UTF-8 bytes");
            return One(new Msg { Transfer = msg });
        });
    }

    private static Command SetMembers(GlobalOptions options, bool direct)
    {
        var member = new Option<string[]>("--member") { Description = "ADDRESS[:WEIGHT] of a council member (repeat; weight 1 when left out); replaces the whole council", Required = true };
        Build build = (parse, _, _) =>
        {
            var msg = new MsgSetDafMembers();
            msg.Members.Add(DafValues.Members(parse.GetValue(member) ?? []));
            return One(new Msg { SetDafMembers = msg });
        };
        return direct
            ? DirectForm(options, "set-members", "Replace the council (the authority signs; once the DAF governs, propose it instead)", [member], build)
            : Form(options, "set-members", "Propose replacing the council: critical, needs 2/3 of the council", [member], build);
    }

    private static Command SetParams(GlobalOptions options, bool direct)
    {
        var set = new Option<string[]>("--set") { Description = "FIELD=VALUE of DafParams (snake_case, e.g. voting_period=20; repeat); the others keep their current values", Required = true };
        Build build = async (parse, globals, ct) =>
        {
            var changes = parse.GetValue(set) ?? [];
            DafValues.ApplyParams(Vm.Modules.Daf.DafRules.DefaultParams, changes); // names and values checked before the node is asked
            using var node = NodeConnection.Open(parse.GetValue(globals.Node)!);
            var current = await node.CallAsync((c, o) => c.GetDafParamsAsync(new GetDafParamsRequest(), o), NodeConnection.QuickCall, ct);
            return [new Msg { SetDafParams = new MsgSetDafParams { Params = DafValues.ApplyParams(current.Params, changes) } }];
        };
        return direct
            ? DirectForm(options, "set-params", "Change the DAF's parameters (the authority signs; once the DAF governs, propose it instead)", [set], build)
            : Form(options, "set-params", "Propose changing the DAF's parameters: critical, needs 2/3 of the council; open proposals keep theirs", [set], build);
    }

    private static Command DirectForm(GlobalOptions options, string name, string description, Option[] own, Build build)
    {
        // A council or parameter set is a large message: the gas it needs grows with its size.
        var sender = new MsgSender(options, DefaultGasLimit, signer: "the authority");
        var command = sender.AddTo(new Command(name, description));
        foreach (var option in own) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var msg = (await build(parse, options, ct)).Single();
            return await sender.SendAsync(parse, _ => msg, ct);
        });
        return command;
    }

    private static Task<List<Msg>> One(Msg msg) => Task.FromResult(new List<Msg> { msg });

    private static Role ParseRole(string text) =>
        Roles.TryParse(text, out var role) ? role : throw CommandException.Usage($"role '{text}' is unknown; use issuer or rewarding-body");
}
