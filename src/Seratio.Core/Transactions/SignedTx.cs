using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Text;
using Seratio.Protocol;

namespace Seratio.Core.Transactions;

/// <summary>
/// A decoded, well-formed transaction: its exact bytes, id, body, sender and signer keys. Construct
/// with <see cref="TxDecoder"/>. Whether the signatures are valid is a separate question
/// (<see cref="TxDecoder.VerifySignatures"/>), asked once at admission; whether the signer keys may
/// act for the sender needs state (an organisation account's key list), so the Vm's signer check
/// answers it. Immutable.
/// </summary>
public sealed class SignedTx
{
    internal SignedTx(ReadOnlyMemory<byte> bytes, Hash32 hash, Tx tx, TxBody body, Address sender, PublicKey[] signers)
    {
        Bytes = bytes;
        Hash = hash;
        Tx = tx;
        Body = body;
        Sender = sender;
        Signers = signers;
        SignedBySenderKey = signers.Length == 1 && signers[0].ToAddress() == sender;
    }

    /// <summary>The exact encoded <see cref="Protocol.Tx"/> as received; this is what blocks carry.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }
    /// <summary>SHA-256("seratio/tx" || body bytes).</summary>
    public Hash32 Hash { get; }
    public Tx Tx { get; }
    public TxBody Body { get; }
    public Address Sender { get; }

    /// <summary>The key of each signature, in the envelope's order (1..<see cref="TxDecoder.MaxSignatures"/>; may repeat).</summary>
    public IReadOnlyList<PublicKey> Signers { get; }

    /// <summary>
    /// The fast path: one signature, by the key whose address is the sender. Such a sender is a key's
    /// account (an organisation account's address is a hash no key owns), so no state is needed to judge it.
    /// </summary>
    public bool SignedBySenderKey { get; }
    public ulong Nonce => Body.Nonce;
    public int Size => Bytes.Length;
}

/// <summary>Why a transaction was refused before it touched any state.</summary>
public enum TxFormatError
{
    None,
    Oversized,
    Malformed,
    WrongChain,
    MissingSignature,
    BadSignature,
    NoMessages,
    BadField,
}

/// <summary>Decodes, checks and signs transactions. Pure functions; thread safe.</summary>
public static class TxDecoder
{
    /// <summary>Largest encoded transaction any node accepts (genesis may lower it).</summary>
    public const int MaxTxBytes = 64 * 1024;
    public const int MaxMessagesPerTx = 64;

    /// <summary>The most signatures a transaction carries: an organisation account has at most 16 keys.</summary>
    public const int MaxSignatures = 16;

    // Unknown fields are dropped when parsing, so that an envelope carrying any re-encodes differently and is refused.
    private static readonly MessageParser<Tx> EnvelopeParser = Tx.Parser.WithDiscardUnknownFields(true);

    /// <summary>
    /// Decodes <paramref name="bytes"/> and checks everything that needs no state and no
    /// signature verification: size, protobuf shape, a canonical envelope (exactly the encoding of
    /// its body and signatures, so the body hash names one byte string), chain id, 1..<see cref="MaxSignatures"/>
    /// signatures of the right sizes. Which keys may sign for the sender needs state: the Vm's signer check.
    /// </summary>
    public static TxFormatError TryDecode(ReadOnlyMemory<byte> bytes, string chainId, int maxTxBytes, out SignedTx? tx, out string reason)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        return Decode(bytes, chainId, maxTxBytes, out tx, out reason);
    }

    /// <summary>
    /// <see cref="TryDecode(ReadOnlyMemory{byte}, string, int, out SignedTx?, out string)"/> for any
    /// chain id, for a caller that judges the chain id itself (the mempool's ordered checks).
    /// </summary>
    public static TxFormatError TryDecodeAnyChain(ReadOnlyMemory<byte> bytes, int maxTxBytes, out SignedTx? tx, out string reason) =>
        Decode(bytes, chainId: null, maxTxBytes, out tx, out reason);

    private static TxFormatError Decode(ReadOnlyMemory<byte> bytes, string? chainId, int maxTxBytes, out SignedTx? tx, out string reason)
    {
        tx = null;
        reason = "";
        if (bytes.Length > maxTxBytes)
        {
            reason = $"transaction is {bytes.Length} bytes; the limit is {maxTxBytes}";
            return TxFormatError.Oversized;
        }
        Tx envelope;
        TxBody body;
        try
        {
            envelope = EnvelopeParser.ParseFrom(bytes.Span);
            body = TxBody.Parser.ParseFrom(envelope.Body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            reason = $"bytes are not a protobuf seratio.v1.Tx: {ex.Message}";
            return TxFormatError.Malformed;
        }
        if (!IsCanonical(envelope, bytes.Span))
        {
            // The hash covers the body only: a second encoding of the same envelope (an extra field, fields
            // repeated or out of order, padded lengths) would be another byte string with the same id.
            reason = "the Tx envelope is not canonical: encode body (field 1) then signatures (field 2), once each, "
                + "with no other fields, as any protobuf encoder does";
            return TxFormatError.Malformed;
        }
        if (envelope.Body.IsEmpty)
        {
            reason = "transaction has an empty body";
            return TxFormatError.Malformed;
        }
        if (chainId is not null && body.ChainId != chainId)
        {
            reason = $"transaction is for chain '{SafeText.Clip(body.ChainId, 64)}', this node runs '{chainId}'";
            return TxFormatError.WrongChain;
        }
        if (envelope.Signatures.Count == 0)
        {
            reason = "transaction carries no signature";
            return TxFormatError.MissingSignature;
        }
        if (envelope.Signatures.Count > MaxSignatures)
        {
            reason = $"transaction carries {envelope.Signatures.Count} signatures; the limit is {MaxSignatures} (an organisation account has at most {MaxSignatures} keys)";
            return TxFormatError.BadSignature;
        }
        var signers = new PublicKey[envelope.Signatures.Count];
        for (int i = 0; i < signers.Length; i++)
        {
            var sig = envelope.Signatures[i];
            if (sig.PublicKey.Length != PublicKey.Size || sig.Signature.Length != Ed25519.SignatureSize)
            {
                reason = $"signature {i} must carry a {PublicKey.Size}-byte public key and a {Ed25519.SignatureSize}-byte signature, "
                    + $"got {sig.PublicKey.Length} and {sig.Signature.Length} bytes";
                return TxFormatError.BadSignature;
            }
            signers[i] = new PublicKey(sig.PublicKey.Span);
        }
        if (body.Sender.Length != Address.Size)
        {
            reason = $"sender must be a {Address.Size}-byte address, got {body.Sender.Length} bytes";
            return TxFormatError.BadField;
        }
        var sender = new Address(body.Sender.Span);
        if (body.Msgs.Count == 0)
        {
            reason = "transaction has no messages";
            return TxFormatError.NoMessages;
        }
        if (body.Msgs.Count > MaxMessagesPerTx)
        {
            reason = $"transaction has {body.Msgs.Count} messages; the limit is {MaxMessagesPerTx}";
            return TxFormatError.BadField;
        }
        if (body.GasLimit == 0)
        {
            reason = "gas_limit is 0; set it to at least the gas the messages cost";
            return TxFormatError.BadField;
        }
        var hash = Hashing.Hash(Domains.Tx, envelope.Body.Span);
        tx = new SignedTx(bytes, hash, envelope, body, sender, signers);
        return TxFormatError.None;
    }

    /// <summary>True when every signature is a valid Ed25519 signature over <see cref="SignBytes"/>.</summary>
    public static bool VerifySignatures(SignedTx tx) => FirstBadSignature(tx) < 0;

    /// <summary>The index of the first signature that does not verify over <see cref="SignBytes"/>, or -1 when all do.</summary>
    public static int FirstBadSignature(SignedTx tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var message = SignBytes(tx.Body.ChainId, tx.Tx.Body.Span);
        var signatures = tx.Tx.Signatures;
        for (int i = 0; i < signatures.Count; i++)
            if (!Ed25519.Verify(tx.Signers[i], message, signatures[i].Signature.Span))
                return i;
        return -1;
    }

    /// <summary>"seratio/tx-sign" || len(chain id) as one byte || chain id (UTF-8) || body bytes.</summary>
    public static byte[] SignBytes(string chainId, ReadOnlySpan<byte> body)
    {
        var result = ChainSignBytes.Create(Domains.TxSign, chainId, body.Length, out var payload);
        body.CopyTo(payload);
        return result;
    }

    /// <summary>Encodes and signs <paramref name="body"/> with <paramref name="key"/>, which must own the sender address.</summary>
    public static byte[] Sign(TxBody body, SigningKey key) => Sign(body, [key]);

    /// <summary>
    /// Encodes <paramref name="body"/> and signs the same bytes with each of <paramref name="keys"/>, in
    /// the given order (an organisation account's transaction: keys on its list, as many as its threshold).
    /// </summary>
    public static byte[] Sign(TxBody body, IReadOnlyList<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(keys);
        var bodyBytes = body.ToByteArray();
        var signBytes = SignBytes(body.ChainId, bodyBytes);
        var tx = new Tx { Body = ByteString.CopyFrom(bodyBytes) };
        foreach (var key in keys)
            tx.Signatures.Add(new TxSignature { PublicKey = key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(key.Sign(signBytes)) });
        return tx.ToByteArray();
    }

    /// <summary>Whether <paramref name="bytes"/> are exactly the encoding of <paramref name="envelope"/>, so that one envelope has one byte string.</summary>
    private static bool IsCanonical(Tx envelope, ReadOnlySpan<byte> bytes)
    {
        int size = envelope.CalculateSize();
        if (size != bytes.Length) return false;
        Span<byte> encoded = size <= 1024 ? stackalloc byte[size] : new byte[size];
        envelope.WriteTo(encoded);
        return encoded.SequenceEqual(bytes);
    }
}
