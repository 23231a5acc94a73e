using System.CommandLine;
using System.Text.Json;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Cli.Verification;
using Seratio.Protocol;

namespace Seratio.Cli.Proofs;

/// <summary>
/// <c>seratio proof verify [FILE | --address ADDR [--height H]] [--on eth|etc --rpc URL --contract ADDR | --trust FILE]</c>:
/// checks an account proof. A FILE alone is checked offline against the state root it names; with --trust its block's
/// commit is checked against trusted validators first; with --on against the root an anchor contract holds for its
/// height. --address fetches the proof from the node instead (with --on: at the latest anchored height at or below H).
/// </summary>
internal static class ProofCommands
{
    public static Command Create(GlobalOptions options)
    {
        var proof = new Command("proof", "Check state proofs");
        var file = new Argument<string?>("file") { Description = "JSON document printed by 'query account ADDR --prove --output json'", Arity = ArgumentArity.ZeroOrOne };
        var address = new Option<string?>("--address") { Description = "Fetch this account's proof from the node instead of reading FILE" };
        var height = new Option<ulong>("--height") { Description = "With --address: the height (default: latest; with --on: the latest anchored height at or below it)" };
        var verifyOptions = new VerifyOptions();
        var verify = new Command("verify", "Check an account proof offline, against trusted validators (--trust) or an anchor contract (--on); exit 0 when valid, 1 when not") { file, address, height };
        verifyOptions.AddTo(verify);
        verify.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file);
            var addressText = parse.GetValue(address);
            if ((path is null) == (addressText is null)) throw CommandException.Usage("give a proof FILE or --address ADDR (not both)");
            if (path is not null && parse.GetValue(height) != 0) throw CommandException.Usage("--height goes with --address; a FILE is checked at its own height");
            var basis = verifyOptions.Basis(parse);
            AccountClaim? fromFile = null;
            if (path is not null)
            {
                if (!File.Exists(path)) throw CommandException.Usage($"proof file {path} does not exist");
                AccountProofDocument doc;
                try { doc = AccountProofDocument.Parse(await File.ReadAllTextAsync(path, ct)); }
                catch (Exception ex) when (ex is JsonException or FormatException)
                {
                    return Print(options, parse, false, $"not an account proof document: {ex.Message}", null, null);
                }
                if (basis == VerifyBasis.Node)
                {
                    bool ok = AccountProofChecker.Check(doc, out var why);
                    return Print(options, parse, ok, why, doc, null);
                }
                fromFile = new AccountClaim(doc);
            }
            else if (!Core.Addressing.Address.TryParse(addressText, out _, out var error))
            {
                throw CommandException.Usage($"--address: {error}");
            }

            var verdict = await ClaimVerifier.VerifyAsync(parse, verifyOptions, parse.GetValue(options.Node)!, parse.GetValue(height), fromFile,
                async (node, at, token) =>
                {
                    var chainId = (await node.StatusAsync(token)).ChainId;
                    var a = await node.CallAsync(
                        (c, o) => c.GetAccountAsync(new GetAccountRequest { Address = addressText, Height = at, Prove = true }, o), NodeConnection.QuickCall, token);
                    if (a.Proof is null) throw CommandException.Failed("the node answered without the requested proof");
                    return new AccountClaim(AccountProofDocument.From(chainId, a));
                }, ct);
            return Print(options, parse, verdict.Valid, verdict.Reason, ((AccountClaim)verdict.Claim).Document, verdict);
        });
        proof.Subcommands.Add(verify);
        return proof;
    }

    private static int Print(GlobalOptions options, ParseResult parse, bool valid, string reason, AccountProofDocument? doc, Verdict? verdict)
    {
        options.Printer(parse).Result(
            new
            {
                valid, reason, address = doc?.Address, height = doc?.Height, state_root = doc?.StateRoot, balance = doc?.Balance, nonce = doc?.Nonce,
                verdict = verdict?.Json(),
            },
            () => verdict is null
                ? [valid ? "valid" : $"invalid: {reason}"]
                : [$"account {doc?.Address}: balance {doc?.Balance}, nonce {doc?.Nonce} at height {doc?.Height}", verdict.Line()]);
        return valid ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
