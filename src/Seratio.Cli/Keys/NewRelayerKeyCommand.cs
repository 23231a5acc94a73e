using System.CommandLine;
using Seratio.Bridges.Relaying;
using Seratio.Cli.Cli;

namespace Seratio.Cli.Keys;

/// <summary>
/// <c>seratio keys new-relayer --out FILE [--passphrase-file P]</c>: writes a new relayer account key as an Ethereum
/// keystore v3 file (scrypt, AES-128-CTR; created 0600) encrypted with a passphrase, and prints the address to fund on
/// the EVM chain (docs/anchoring.md "Relayer keys"). Stateless factory.
/// </summary>
internal static class NewRelayerKeyCommand
{
    public static Command Create(GlobalOptions options)
    {
        var output = new Option<string>("--out") { Description = "The keystore file to create (it must not exist)", Required = true };
        var passphraseFile = GlobalOptions.PassphraseFileOption();
        var command = new Command("new-relayer", "Create an encrypted relayer account key (Ethereum keystore v3) and print the address to fund")
        {
            output, passphraseFile,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            if (File.Exists(path)) throw CommandException.Failed($"{path} exists; choose another --out (a key is never overwritten)");
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder)) throw CommandException.Usage($"--out: the folder {folder} does not exist");
            var passphrase = PassphraseReader.Read(options.Console, parse.GetValue(passphraseFile), Path.GetFileName(path), confirm: true);
            var key = RelayerKeyFile.CreateEncrypted(path, passphrase);
            options.Printer(parse).Result(new { address = key.Address, key_file = Path.GetFullPath(path) }, () =>
            [
                $"address  {key.Address}",
                $"key file {Path.GetFullPath(path)}",
                "Fund this address on the EVM chain: it pays the gas of every checkpoint it relays.",
            ]);
            return ExitCodes.Ok;
        });
        return command;
    }
}
