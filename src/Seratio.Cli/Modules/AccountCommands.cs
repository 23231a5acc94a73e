using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Organisations;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio account create-multisig|update-multisig|show</c>: organisation (k-of-n) accounts
/// (docs/modules/organisations.md). Creation prints the new address (from the receipt's
/// "organisation.created" event, or derived from the transaction hash before it commits);
/// show answers an organisation account's keys and threshold, or a key account's balance and nonce.
/// </summary>
internal static class AccountCommands
{
    public static Command Create(GlobalOptions options)
    {
        var account = new Command("account", "Organisation accounts (k-of-n): create, rotate keys, show");
        account.Subcommands.Add(CreateMultisig(options));
        account.Subcommands.Add(UpdateMultisig(options));
        account.Subcommands.Add(Show(options));
        return account;
    }

    private static (Option<string> Keys, Option<uint> Threshold) KeyOptions() => (
        new Option<string>("--keys") { Description = "The account's keys, comma-separated: public keys (64 hex digits) or key sources (keystore name, devnet key, key file)", Required = true },
        new Option<uint>("--threshold") { Description = "How many of the keys must sign each transaction (1..number of keys)", Required = true });

    private static Command CreateMultisig(GlobalOptions options)
    {
        var (keys, threshold) = KeyOptions();
        var name = new Option<string>("--name") { Description = $"A label for people, at most {MultisigRules.MaxNameBytes} UTF-8 bytes", DefaultValueFactory = _ => "" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("create-multisig", "Create an organisation account whose transactions need a threshold of its keys' signatures") { keys, threshold, name });
        command.SetAction((parse, ct) =>
        {
            var create = new MsgCreateMultisig { Threshold = parse.GetValue(threshold), Name = parse.GetValue(name)! };
            create.PublicKeys.Add(ParseKeys(sender, parse, parse.GetValue(keys)!, create.Threshold));
            var nameCheck = MultisigRules.ValidateName(create.Name);
            if (!nameCheck.IsOk) throw CommandException.Usage("--" + nameCheck.Log);
            return sender.SendAsync(parse, _ => new Msg { CreateMultisig = create },
                sent => new
                {
                    tx_hash = sent.Hash,
                    from = sent.From,
                    address = CreatedAddress(sent),
                    threshold = create.Threshold,
                    keys = create.PublicKeys.Select(k => Display.Hex(k)).ToArray(),
                    nonce = sent.Body.Nonce,
                    receipt = sent.ReceiptJson,
                },
                sent => [("address", CreatedAddress(sent) + (sent.Receipt is null ? " (once committed)" : "")),
                    ("threshold", $"{create.Threshold} of {create.PublicKeys.Count} keys")],
                ct);
        });
        return command;
    }

    private static Command UpdateMultisig(GlobalOptions options)
    {
        var (keys, threshold) = KeyOptions();
        var sender = new MsgSender(options, signer: "the organisation account, with --sign-with its current threshold of keys");
        var command = sender.AddTo(new Command("update-multisig", "Replace an organisation account's keys and threshold (signed by its current threshold)") { keys, threshold });
        command.SetAction((parse, ct) =>
        {
            var update = new MsgUpdateMultisig { Threshold = parse.GetValue(threshold) };
            update.PublicKeys.Add(ParseKeys(sender, parse, parse.GetValue(keys)!, update.Threshold));
            return sender.SendAsync(parse, _ => new Msg { UpdateMultisig = update }, ct);
        });
        return command;
    }

    /// <summary>The keys of --keys, checked as the chain checks them (distinct, 1..16, threshold within); a bad list is a usage error.</summary>
    private static List<ByteString> ParseKeys(MsgSender sender, ParseResult parse, string text, uint threshold)
    {
        var keys = MsgSender.KeyList(text, "--keys").Select(k => sender.PublicKeyOf(parse, k, "--keys").ToByteString()).ToList();
        var check = MultisigRules.ValidateKeys(keys, threshold, out _);
        if (!check.IsOk) throw CommandException.Usage(check.Log.Replace("public_keys", "--keys", StringComparison.Ordinal).Replace("threshold", "--threshold", StringComparison.Ordinal));
        return keys;
    }

    /// <summary>The created account's address: the receipt event's, or (not yet committed) derived from the transaction hash.</summary>
    internal static string CreatedAddress(SentTx sent)
    {
        var fromEvent = sent.Receipt?.Events.FirstOrDefault(e => e.Type == CreateMultisigHandler.EventType)?.Attributes.FirstOrDefault(a => a.Key == "address")?.Value;
        if (fromEvent is not null) return fromEvent;
        return Hash32.TryParse(sent.Hash, out var hash) ? Multisig.AddressFor(hash, 0).ToString() : "";
    }

    /// <summary>The organisation account, or null when the node says the address is not one (NotFound); other failures are errors.</summary>
    private static async Task<MultisigAccountResponse?> OrganisationAsync(NodeConnection node, GetMultisigAccountRequest request, CancellationToken ct)
    {
        var call = node.Client.GetMultisigAccountAsync(request, new CallOptions(deadline: DateTime.UtcNow + NodeConnection.QuickCall, cancellationToken: ct));
        try
        {
            return await call.ResponseAsync;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && ex.Status.Detail.Contains("not an organisation account", StringComparison.Ordinal))
        {
            return null;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw CommandException.Failed(RpcErrors.Describe(ex.Status, node.Url));
        }
    }

    private static Command Show(GlobalOptions options)
    {
        var address = new Argument<string>("address") { Description = "Account address (ser1...)" };
        var height = new Option<ulong>("--height") { Description = "A retained height (default: latest)" };
        var command = new Command("show", "Show an organisation account's keys and threshold, or a key account's balance and nonce") { address, height };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(address)!;
            if (!Address.TryParse(text, out _, out var error)) throw CommandException.Usage(error);
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var printer = options.Printer(parse);
            var org = await OrganisationAsync(node, new GetMultisigAccountRequest { Address = text, Height = parse.GetValue(height) }, ct);
            if (org is not null)
            {
                var a = org.Account;
                var keys = a.PublicKeys.Select(k => Display.Hex(k)).ToArray();
                printer.Result(
                    new { address = text, kind = "organisation", name = a.Name, threshold = a.Threshold, keys, nonce = org.Nonce, balance = org.Balance,
                        creator = Display.Address(a.Creator), created_height = a.CreatedHeight, updated_height = a.UpdatedHeight, height = org.Height },
                    () => Printer.Fields([
                        ("address", text),
                        ("kind", $"organisation account, {a.Threshold} of {keys.Length} keys"),
                        ("name", a.Name.Length == 0 ? "(none)" : a.Name),
                        .. keys.Select((k, i) => ($"key {i + 1}", k)),
                        ("balance", Display.Ser(org.Balance)),
                        ("nonce", org.Nonce.ToString(CultureInfo.InvariantCulture)),
                        ("created", $"height {a.CreatedHeight} by {Display.Address(a.Creator)}"),
                        ("keys changed", $"height {a.UpdatedHeight}"),
                        ("height", org.Height.ToString(CultureInfo.InvariantCulture)),
                    ]));
                return ExitCodes.Ok;
            }
            var account = await node.CallAsync((c, o) => c.GetAccountAsync(new GetAccountRequest { Address = text, Height = parse.GetValue(height) }, o), NodeConnection.QuickCall, ct);
            printer.Result(
                new { address = text, kind = "key", nonce = account.Nonce, balance = account.Balance, height = account.Height },
                () => Printer.Fields(("address", text), ("kind", "key account (one key signs)"), ("balance", Display.Ser(account.Balance)),
                    ("nonce", account.Nonce.ToString(CultureInfo.InvariantCulture)), ("height", account.Height.ToString(CultureInfo.InvariantCulture))));
            return ExitCodes.Ok;
        });
        return command;
    }
}
