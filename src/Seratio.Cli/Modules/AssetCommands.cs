using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio asset create|mint|burn|send|approve|send-from|show|balance|allowance</c>: altcoins.
/// Amounts are base units (the asset's smallest unit; <c>show</c> prints its decimals).
/// </summary>
internal static class AssetCommands
{
    public static Command Create(GlobalOptions options)
    {
        var asset = new Command("asset", "Create, mint, burn, send and look up altcoins");
        asset.Subcommands.Add(CreateAsset(options));
        asset.Subcommands.Add(Mint(options));
        asset.Subcommands.Add(Burn(options));
        asset.Subcommands.Add(Send(options));
        asset.Subcommands.Add(Approve(options));
        asset.Subcommands.Add(SendFrom(options));
        asset.Subcommands.Add(Show(options));
        asset.Subcommands.Add(Balance(options));
        asset.Subcommands.Add(Allowance(options));
        return asset;
    }

    private static Argument<string> SymbolArgument() => new("symbol") { Description = "Altcoin symbol, 2-12 of A-Z and 0-9" };
    private static Option<string> AmountOption() => new("--amount") { Description = "Amount in base units", Required = true };
    private static Option<string> MemoOption() => new("--memo") { Description = "Memo, at most 256 UTF-8 bytes, delivered in the event", DefaultValueFactory = _ => "" };
    private static Option<string> DataOption() => new("--data") { Description = "Data for the recipient, hex, at most 1024 bytes, delivered in the event (never executed)", DefaultValueFactory = _ => "" };
    private static Option<ulong> HeightOption() => new("--height") { Description = "A retained height (default: latest)" };
    private static Option<bool> ProveOption() => new("--prove") { Description = "Ask for a state proof" };

    private static Command CreateAsset(GlobalOptions options)
    {
        var symbol = new Option<string>("--symbol") { Description = "Unique symbol, 2-12 of A-Z and 0-9, starting with a letter, not SER", Required = true };
        var name = new Option<string>("--name") { Description = "Name, 1-64 UTF-8 bytes", Required = true };
        var decimals = new Option<uint>("--decimals") { Description = "Decimal places of the display unit, 0-18", DefaultValueFactory = _ => 0 };
        var max = new Option<string>("--max-supply") { Description = "Most base units that may ever exist at once", Required = true };
        var authority = new Option<string?>("--mint-authority") { Description = "Address allowed to mint (default: the signer)" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("create", "Create an altcoin (a rewarding body signs)") { symbol, name, decimals, max, authority });
        command.SetAction((parse, ct) =>
        {
            var sym = CliValues.Symbol(parse.GetValue(symbol)!);
            if (parse.GetValue(decimals) > 18) throw CommandException.Usage("--decimals must be 0-18");
            var maxSupply = CliValues.BaseUnits(parse.GetValue(max)!, "--max-supply");
            var minter = parse.GetValue(authority) is { } text ? CliValues.Address(text, "--mint-authority") : (Core.Addressing.Address?)null;
            return sender.SendAsync(parse, signer => new Msg
            {
                CreateAsset = new MsgCreateAsset
                {
                    Symbol = sym,
                    Name = parse.GetValue(name)!,
                    Decimals = parse.GetValue(decimals),
                    MaxSupply = maxSupply,
                    MintAuthority = (minter ?? signer).ToByteString(),
                },
            }, ct);
        });
        return command;
    }

    private static Command Mint(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var to = new Option<string>("--to") { Description = "Recipient address", Required = true };
        var amount = AmountOption();
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("mint", "Mint units within the cap (the mint authority signs)") { symbol, to, amount });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgMintAsset
            {
                Symbol = CliValues.Symbol(parse.GetValue(symbol)!),
                To = CliValues.Address(parse.GetValue(to)!, "--to").ToByteString(),
                Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount"),
            };
            return sender.SendAsync(parse, _ => new Msg { MintAsset = msg }, ct);
        });
        return command;
    }

    private static Command Burn(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var amount = AmountOption();
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("burn", "Destroy units the signer holds") { symbol, amount });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgBurnAsset { Symbol = CliValues.Symbol(parse.GetValue(symbol)!), Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount") };
            return sender.SendAsync(parse, _ => new Msg { BurnAsset = msg }, ct);
        });
        return command;
    }

    private static Command Send(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var to = new Option<string>("--to") { Description = "Recipient address", Required = true };
        var amount = AmountOption();
        var memo = MemoOption();
        var data = DataOption();
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("send", "Send units the signer holds") { symbol, to, amount, memo, data });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgSendAsset
            {
                Symbol = CliValues.Symbol(parse.GetValue(symbol)!),
                To = CliValues.Address(parse.GetValue(to)!, "--to").ToByteString(),
                Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount"),
                Memo = parse.GetValue(memo)!,
                Data = CliValues.Hex(parse.GetValue(data)!, "--data"),
            };
            return sender.SendAsync(parse, _ => new Msg { SendAsset = msg }, ct);
        });
        return command;
    }

    private static Command Approve(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var spender = new Option<string>("--spender") { Description = "Address allowed to spend the signer's units", Required = true };
        var amount = new Option<string>("--amount") { Description = "Allowance in base units (replaces the current one; 0 clears it)", Required = true };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("approve", "Set a spender's allowance over the signer's units") { symbol, spender, amount });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgApproveAsset
            {
                Symbol = CliValues.Symbol(parse.GetValue(symbol)!),
                Spender = CliValues.Address(parse.GetValue(spender)!, "--spender").ToByteString(),
                Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount", allowZero: true),
            };
            return sender.SendAsync(parse, _ => new Msg { ApproveAsset = msg }, ct);
        });
        return command;
    }

    private static Command SendFrom(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var owner = new Option<string>("--owner") { Description = "Address whose units are spent (it approved the signer)", Required = true };
        var to = new Option<string>("--to") { Description = "Recipient address", Required = true };
        var amount = AmountOption();
        var memo = MemoOption();
        var data = DataOption();
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("send-from", "Send an owner's units within the allowance it gave the signer") { symbol, owner, to, amount, memo, data });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgSendAssetFrom
            {
                Symbol = CliValues.Symbol(parse.GetValue(symbol)!),
                Owner = CliValues.Address(parse.GetValue(owner)!, "--owner").ToByteString(),
                To = CliValues.Address(parse.GetValue(to)!, "--to").ToByteString(),
                Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount"),
                Memo = parse.GetValue(memo)!,
                Data = CliValues.Hex(parse.GetValue(data)!, "--data"),
            };
            return sender.SendAsync(parse, _ => new Msg { SendAssetFrom = msg }, ct);
        });
        return command;
    }

    private static Command Show(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var height = HeightOption();
        var prove = ProveOption();
        var command = new Command("show", "Show an altcoin's denomination and supply") { symbol, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var sym = CliValues.Symbol(parse.GetValue(symbol)!);
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetAssetAsync(new GetAssetRequest { Symbol = sym, Height = parse.GetValue(height), Prove = parse.GetValue(prove) }, o), NodeConnection.QuickCall, ct);
            var a = r.Asset;
            options.Printer(parse).Result(
                new
                {
                    symbol = a.Symbol, name = a.Name, decimals = a.Decimals, max_supply = a.MaxSupply, supply = a.Supply,
                    mint_authority = Display.Address(a.MintAuthority), creator = Display.Address(a.Creator), created_height = a.CreatedHeight,
                    height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof),
                },
                () => Printer.Fields(
                    ("symbol", a.Symbol),
                    ("name", a.Name),
                    ("decimals", a.Decimals.ToString(CultureInfo.InvariantCulture)),
                    ("supply", Units(a.Supply, a.Decimals, a.Symbol)),
                    ("max supply", Units(a.MaxSupply, a.Decimals, a.Symbol)),
                    ("mint authority", Display.Address(a.MintAuthority)),
                    ("creator", Display.Address(a.Creator)),
                    ("created at", a.CreatedHeight.ToString(CultureInfo.InvariantCulture)),
                    ("height", r.Height.ToString(CultureInfo.InvariantCulture))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Balance(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var address = new Argument<string>("address") { Description = "Holder address (ser1...)" };
        var height = HeightOption();
        var prove = ProveOption();
        var command = new Command("balance", "Show an address's balance of an altcoin") { symbol, address, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var sym = CliValues.Symbol(parse.GetValue(symbol)!);
            var holder = CliValues.Address(parse.GetValue(address)!, "address");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetAssetBalanceAsync(new GetAssetBalanceRequest
            {
                Symbol = sym, Address = holder.ToString(), Height = parse.GetValue(height), Prove = parse.GetValue(prove),
            }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { symbol = r.Symbol, address = r.Address, balance = r.Balance, height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof) },
                () => Printer.Fields(("address", r.Address), ("balance", $"{r.Balance} {r.Symbol} base units"), ("height", r.Height.ToString(CultureInfo.InvariantCulture))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Allowance(GlobalOptions options)
    {
        var symbol = SymbolArgument();
        var owner = new Argument<string>("owner") { Description = "Owner address" };
        var spender = new Argument<string>("spender") { Description = "Spender address" };
        var command = new Command("allowance", "Show the allowance an owner gave a spender") { symbol, owner, spender };
        command.SetAction(async (parse, ct) =>
        {
            var sym = CliValues.Symbol(parse.GetValue(symbol)!);
            var o1 = CliValues.Address(parse.GetValue(owner)!, "owner");
            var s1 = CliValues.Address(parse.GetValue(spender)!, "spender");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetAllowanceAsync(new GetAllowanceRequest { Symbol = sym, Owner = o1.ToString(), Spender = s1.ToString() }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { symbol = r.Symbol, owner = r.Owner, spender = r.Spender, amount = r.Amount, height = r.Height },
                () => Printer.Fields(("owner", r.Owner), ("spender", r.Spender), ("allowance", $"{r.Amount} {r.Symbol} base units")));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Units(string baseUnits, uint decimals, string symbol) =>
        Amount.TryParse(baseUnits, out var amount, out _) ? $"{amount.ToDisplay((int)decimals)} {symbol} ({baseUnits})" : baseUnits;
}
