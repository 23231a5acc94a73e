using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Tx;

/// <summary>
/// A partial-signature file (docs/cli.md, "tx sign, tx combine, tx broadcast"): the exact body bytes
/// of one transaction and the signatures collected over them so far, as JSON a person can read and
/// mail around. Every signature in a file verifies over the body for its chain (checked on reading),
/// so a combined transaction fails only for the keys it lacks, not for a corrupted part. Immutable once read.
/// </summary>
internal sealed class PartialTx
{
    public const string FormatName = "seratio-partial-tx/1";

    private PartialTx(byte[] body, TxBody decoded, IReadOnlyList<TxSignature> signatures)
    {
        Body = body;
        Decoded = decoded;
        Signatures = signatures;
        TxHash = Hashing.Hash(Domains.Tx, body).ToString();
    }

    /// <summary>The exact body bytes every signature covers.</summary>
    public byte[] Body { get; }
    public TxBody Decoded { get; }
    public IReadOnlyList<TxSignature> Signatures { get; }
    /// <summary>The transaction's hash (hex): the same for every part of one transaction.</summary>
    public string TxHash { get; }
    public Address Sender => new(Decoded.Sender.Span);

    /// <summary>The parts of an encoded, signed transaction (as TxDecoder.Sign makes it).</summary>
    public static PartialTx FromTx(byte[] txBytes)
    {
        var tx = Protocol.Tx.Parser.ParseFrom(txBytes);
        return new PartialTx(tx.Body.ToByteArray(), TxBody.Parser.ParseFrom(tx.Body), [.. tx.Signatures]);
    }

    /// <summary>The body of <paramref name="other"/> signed by <paramref name="key"/> alone.</summary>
    public static PartialTx SignedBy(PartialTx other, SigningKey key)
    {
        var signature = new TxSignature
        {
            PublicKey = key.PublicKey.ToByteString(),
            Signature = ByteString.CopyFrom(key.Sign(TxDecoder.SignBytes(other.Decoded.ChainId, other.Body))),
        };
        return new PartialTx(other.Body, other.Decoded, [signature]);
    }

    /// <summary>
    /// One transaction of the parts' signatures (each key once, in the order first seen). Refuses, naming the
    /// files, parts over different bodies.
    /// </summary>
    public static byte[] Combine(IReadOnlyList<(string File, PartialTx Part)> parts)
    {
        if (parts.Count == 0) throw CommandException.Usage("name at least one part file");
        var (firstFile, first) = parts[0];
        var tx = new Protocol.Tx { Body = ByteString.CopyFrom(first.Body) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, part) in parts)
        {
            if (!part.Body.AsSpan().SequenceEqual(first.Body))
                throw CommandException.Failed(
                    $"{file} signs another transaction than {firstFile}: tx {part.TxHash} (nonce {part.Decoded.Nonce}) against tx {first.TxHash} (nonce {first.Decoded.Nonce}); "
                    + $"every signer must sign the same body: 'seratio tx sign --body {firstFile} --key K --out part.json'");
            foreach (var signature in part.Signatures)
                if (seen.Add(Convert.ToHexStringLower(signature.PublicKey.Span))) tx.Signatures.Add(signature);
        }
        if (tx.Signatures.Count > TxDecoder.MaxSignatures)
            throw CommandException.Failed($"the parts carry {tx.Signatures.Count} distinct keys' signatures; a transaction carries at most {TxDecoder.MaxSignatures}");
        return tx.ToByteArray();
    }

    public void Write(string path)
    {
        var file = new PartFile
        {
            Format = FormatName,
            ChainId = Decoded.ChainId,
            Sender = Sender.ToString(),
            Nonce = Decoded.Nonce,
            TxHash = TxHash,
            Body = Convert.ToBase64String(Body),
            Signatures = [.. Signatures.Select(s => new PartSignature { PublicKey = Convert.ToHexStringLower(s.PublicKey.Span), Signature = Convert.ToHexStringLower(s.Signature.Span) })],
        };
        File.WriteAllText(path, JsonSerializer.Serialize(file, PartJson.Default.PartFile) + "\n");
    }

    /// <summary>Reads and checks a part file; a missing, malformed or forged one is a failure naming the file.</summary>
    public static PartialTx Read(string path)
    {
        if (!File.Exists(path)) throw CommandException.Failed($"no part file {path}");
        PartFile? file;
        try { file = JsonSerializer.Deserialize(File.ReadAllText(path), PartJson.Default.PartFile); }
        catch (JsonException ex) { throw CommandException.Failed($"{path} is not a partial-signature file: {ex.Message}"); }
        if (file is null || file.Format != FormatName)
            throw CommandException.Failed($"{path} is not a partial-signature file (\"format\": \"{FormatName}\")");
        byte[] body;
        TxBody decoded;
        try
        {
            body = Convert.FromBase64String(file.Body ?? "");
            decoded = TxBody.Parser.ParseFrom(body);
        }
        catch (Exception ex) when (ex is FormatException or InvalidProtocolBufferException)
        {
            throw CommandException.Failed($"{path}: \"body\" is not a base64 transaction body: {ex.Message}");
        }
        if (body.Length == 0 || decoded.Msgs.Count == 0) throw CommandException.Failed($"{path}: \"body\" holds no transaction");
        var signBytes = TxDecoder.SignBytes(decoded.ChainId, body);
        var signatures = new List<TxSignature>();
        foreach (var s in file.Signatures ?? [])
        {
            byte[] key, signature;
            try
            {
                key = Convert.FromHexString(s.PublicKey ?? "");
                signature = Convert.FromHexString(s.Signature ?? "");
            }
            catch (FormatException) { throw CommandException.Failed($"{path}: a signature's public_key or signature is not hex"); }
            if (key.Length != PublicKey.Size || signature.Length != Ed25519.SignatureSize || !Ed25519.Verify(new PublicKey(key), signBytes, signature))
                throw CommandException.Failed($"{path}: the signature of key {s.PublicKey} does not verify over its body; sign again with 'seratio tx sign'");
            signatures.Add(new TxSignature { PublicKey = ByteString.CopyFrom(key), Signature = ByteString.CopyFrom(signature) });
        }
        return new PartialTx(body, decoded, signatures);
    }

    internal sealed class PartFile
    {
        [JsonPropertyName("format")] public string? Format { get; set; }
        [JsonPropertyName("chain_id")] public string? ChainId { get; set; }
        [JsonPropertyName("sender")] public string? Sender { get; set; }
        [JsonPropertyName("nonce")] public ulong Nonce { get; set; }
        [JsonPropertyName("tx_hash")] public string? TxHash { get; set; }
        [JsonPropertyName("body")] public string? Body { get; set; }
        [JsonPropertyName("signatures")] public List<PartSignature>? Signatures { get; set; }
    }

    internal sealed class PartSignature
    {
        [JsonPropertyName("public_key")] public string? PublicKey { get; set; }
        [JsonPropertyName("signature")] public string? Signature { get; set; }
    }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(PartialTx.PartFile))]
internal sealed partial class PartJson : JsonSerializerContext;
