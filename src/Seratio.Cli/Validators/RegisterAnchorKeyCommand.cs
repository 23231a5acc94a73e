using System.CommandLine;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Modules;
using Seratio.Cli.Tx;
using Seratio.Node.Anchoring;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Cli.Validators;

/// <summary>
/// <c>seratio tx register-anchor-key</c>: a validator binds its secp256k1 anchor key (docs/anchoring.md, "Anchor keys").
/// Signed by the validator's own Ed25519 key (<c>--from</c>), whose public key the message names; the proof is the anchor
/// key's signature over "seratio/anchor-key/v1" || that public key || the node's chain id (<see cref="AnchorKeyProof"/>).
/// Stateless apart from the parsed options; one instance per command tree.
/// </summary>
internal static class RegisterAnchorKeyCommand
{
    public static Command Create(GlobalOptions options)
    {
        var anchorKey = new Option<string>("--anchor-key")
        {
            Description = "The anchor key file: a throw-away {\"private_key\":\"<64 hex>\"} whose name contains 'unsafe', or an Ethereum keystore v3 file",
            Required = true,
        };
        var anchorPassphrase = new Option<string?>("--anchor-passphrase-file") { Description = "File holding the passphrase of an encrypted (keystore v3) anchor key" };
        var sender = new MsgSender(options, TxCommands.DefaultGasLimit, signer: "the validator's own key");
        var command = sender.AddTo(new Command("register-anchor-key",
            "Register this validator's secp256k1 anchor key, which signs checkpoints for Ethereum and Ethereum Classic; the validator must be in the next or pending set")
        {
            anchorKey, anchorPassphrase,
        });
        command.SetAction((parse, ct) =>
        {
            var key = Load(parse.GetValue(anchorKey)!, parse.GetValue(anchorPassphrase));
            return sender.SendAsync(parse, (validator, chainId) =>
            {
                var publicKey = validator.PublicKey.ToArray();
                return new Msg
                {
                    RegisterAnchorKey = new MsgRegisterAnchorKey
                    {
                        ValidatorPublicKey = ByteString.CopyFrom(publicKey),
                        AnchorAddress = ByteString.CopyFrom(key.Address),
                        Proof = ByteString.CopyFrom(AnchorKeyProof.Sign(key.Key, publicKey, chainId)),
                    },
                };
            }, sent => new
            {
                tx_hash = sent.Hash, from = sent.From,
                validator_public_key = Convert.ToHexStringLower(sent.Body.Msgs[0].RegisterAnchorKey.ValidatorPublicKey.Span),
                anchor_address = AnchorCrypto.Hex(key.Address), nonce = sent.Body.Nonce, receipt = sent.ReceiptJson,
            }, ct);
        });
        return command;
    }

    /// <summary>The anchor key at <paramref name="path"/>; a missing, exposed or unreadable file is a usage error (exit 2) that says why.</summary>
    private static AnchorKey Load(string path, string? passphraseFile)
    {
        if (!File.Exists(path)) throw CommandException.Usage($"--anchor-key: no file {Path.GetFullPath(path)}");
        if (passphraseFile is not null && !File.Exists(passphraseFile)) throw CommandException.Usage($"--anchor-passphrase-file: no file {Path.GetFullPath(passphraseFile)}");
        try
        {
            return AnchorKey.Load(path, passphraseFile);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or IOException or ArgumentException)
        {
            throw CommandException.Usage($"--anchor-key: {e.Message}");
        }
    }
}
