using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Core.Keys;

namespace Seratio.Cli.Keys;

/// <summary><c>seratio keys add|list|show|import|export</c>: the encrypted keystore; <c>keys new-relayer</c>: an encrypted relayer key.</summary>
internal static class KeysCommands
{
    public static Command Create(GlobalOptions options)
    {
        var keys = new Command("keys", "Create, list, show, import and export keys of the encrypted keystore");
        keys.Subcommands.Add(Add(options));
        keys.Subcommands.Add(List(options));
        keys.Subcommands.Add(Show(options));
        keys.Subcommands.Add(Import(options));
        keys.Subcommands.Add(Export(options));
        keys.Subcommands.Add(NewRelayerKeyCommand.Create(options));
        return keys;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "Key name (letters, digits, '.', '_', '-')" };

    private static Command Add(GlobalOptions options)
    {
        var name = NameArgument();
        var keystore = options.KeystoreOption();
        var passphraseFile = GlobalOptions.PassphraseFileOption();
        var command = new Command("add", "Generate a new key and store it encrypted") { name, keystore, passphraseFile };
        command.SetAction(parse =>
        {
            var keyName = CheckName(parse.GetValue(name)!);
            var store = Open(parse.GetValue(keystore)!);
            if (store.Contains(keyName)) throw CommandException.Failed($"key '{keyName}' already exists in {store.Directory}");
            var passphrase = PassphraseReader.Read(options.Console, parse.GetValue(passphraseFile), keyName, confirm: true);
            var added = Expect(store.Add(keyName, passphrase));
            PrintKey(options.Printer(parse), added);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions options)
    {
        var keystore = options.KeystoreOption();
        var command = new Command("list", "List the keys of the keystore") { keystore };
        command.SetAction(parse =>
        {
            var store = Open(parse.GetValue(keystore)!);
            var entries = store.List();
            var printer = options.Printer(parse);
            printer.Result(
                entries.Select(e => e.IsOk ? (object)Describe(e.Value!) : new { error = e.Error }).ToList(),
                () => entries.Count == 0
                    ? [$"no keys in {store.Directory}"]
                    : entries.Select(e => e.IsOk ? $"{e.Value!.Name,-24} {e.Value.Address}{(e.Value.Encrypted ? "" : "  (plain, unsafe)")}" : $"unreadable: {e.Error}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions options)
    {
        var name = NameArgument();
        var keystore = options.KeystoreOption();
        var command = new Command("show", "Show a key's address and public key (no passphrase needed)") { name, keystore };
        command.SetAction(parse =>
        {
            var store = Open(parse.GetValue(keystore)!);
            PrintKey(options.Printer(parse), Expect(store.Show(CheckName(parse.GetValue(name)!))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import(GlobalOptions options)
    {
        var name = NameArgument();
        var keystore = options.KeystoreOption();
        var passphraseFile = GlobalOptions.PassphraseFileOption();
        var seedFile = new Option<string?>("--seed-file") { Description = "File holding the 32-byte seed as 64 hex digits (or 32 raw bytes)" };
        var seedHex = new Option<string?>("--seed-hex") { Description = "The 32-byte seed as 64 hex digits (visible in shell history; prefer --seed-file)" };
        var command = new Command("import", "Store an existing Ed25519 seed encrypted") { name, keystore, passphraseFile, seedFile, seedHex };
        command.Validators.Add(result =>
        {
            bool file = result.GetResult(seedFile) is not null, hex = result.GetResult(seedHex) is not null;
            if (file == hex) result.AddError("give exactly one of --seed-file or --seed-hex");
        });
        command.SetAction(parse =>
        {
            var keyName = CheckName(parse.GetValue(name)!);
            var store = Open(parse.GetValue(keystore)!);
            var seed = parse.GetValue(seedFile) is { } file ? Keystore.ReadSeedFile(file) : Keystore.ParseSeedHex(parse.GetValue(seedHex));
            if (!seed.IsOk) throw CommandException.Usage(seed.Error);
            if (store.Contains(keyName)) throw CommandException.Failed($"key '{keyName}' already exists in {store.Directory}");
            var passphrase = PassphraseReader.Read(options.Console, parse.GetValue(passphraseFile), keyName, confirm: true);
            PrintKey(options.Printer(parse), Expect(store.Import(keyName, seed.Value, passphrase)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Export(GlobalOptions options)
    {
        var name = NameArgument();
        var keystore = options.KeystoreOption();
        var passphraseFile = GlobalOptions.PassphraseFileOption();
        var command = new Command("export", "Print a key's 32-byte seed as hex (needs its passphrase); anyone holding it controls the key") { name, keystore, passphraseFile };
        command.SetAction(parse =>
        {
            var keyName = CheckName(parse.GetValue(name)!);
            var store = Open(parse.GetValue(keystore)!);
            var info = Expect(store.Show(keyName));
            var passphrase = info.Encrypted ? PassphraseReader.Read(options.Console, parse.GetValue(passphraseFile), keyName, confirm: false) : "";
            var seed = Convert.ToHexStringLower(Expect(store.Export(keyName, passphrase)));
            options.Printer(parse).Result(new { name = keyName, address = info.Address.ToString(), seed }, () => [seed]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Keystore Open(string directory) => new(directory);

    private static string CheckName(string name) =>
        Keystore.NameProblem(name) is { } problem ? throw CommandException.Usage(problem) : name;

    /// <summary>The value of a keystore result, or the command's failure: bad input exits 2, the rest 1.</summary>
    internal static T Expect<T>(KeystoreResult<T> result) => result.Outcome switch
    {
        KeystoreOutcome.Ok => result.Value!,
        KeystoreOutcome.InvalidName or KeystoreOutcome.InvalidSeed or KeystoreOutcome.NotFound => throw CommandException.Usage(result.Error),
        _ => throw CommandException.Failed(result.Error),
    };

    private static object Describe(KeyInfo key) => new
    {
        name = key.Name,
        address = key.Address.ToString(),
        public_key = key.PublicKey.ToString(),
        encrypted = key.Encrypted,
        path = key.Path,
    };

    private static void PrintKey(Printer printer, KeyInfo key) =>
        printer.Result(Describe(key), () => Printer.Fields(
            ("name", key.Name),
            ("address", key.Address.ToString()),
            ("public key", key.PublicKey.ToString()),
            ("file", key.Path + (key.Encrypted ? "" : " (plain, unsafe)"))));
}
