using System.CommandLine;
using System.Text.Json;
using Seratio.Cli.Cli;

namespace Seratio.Cli.Proofs;

/// <summary><c>seratio proof verify FILE</c>: checks an account proof offline.</summary>
internal static class ProofCommands
{
    public static Command Create(GlobalOptions options)
    {
        var proof = new Command("proof", "Check state proofs offline");
        var file = new Argument<string>("file") { Description = "JSON document printed by 'query account ADDR --prove --output json'" };
        var verify = new Command("verify", "Check an account proof against the state root it names; exit 0 when valid, 1 when not") { file };
        verify.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw CommandException.Usage($"proof file {path} does not exist");
            bool valid;
            string reason;
            AccountProofDocument? doc = null;
            try
            {
                doc = AccountProofDocument.Parse(File.ReadAllText(path));
                valid = AccountProofChecker.Check(doc, out reason);
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                valid = false;
                reason = $"not an account proof document: {ex.Message}";
            }
            options.Printer(parse).Result(
                new { valid, reason, address = doc?.Address, height = doc?.Height, state_root = doc?.StateRoot, balance = doc?.Balance, nonce = doc?.Nonce },
                () => [valid ? "valid" : $"invalid: {reason}"]);
            return valid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        proof.Subcommands.Add(verify);
        return proof;
    }
}
