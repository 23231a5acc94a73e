using System.Globalization;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Organisations;

/// <summary>
/// The rules of an organisation account's key list (docs/modules/organisations.md, "Rules"):
/// 1..<see cref="MaxKeys"/> distinct 32-byte Ed25519 keys, 1 ≤ threshold ≤ keys, a name of at most
/// <see cref="MaxNameBytes"/> UTF-8 bytes; keys are stored in ascending byte order. Also the events
/// both handlers emit. Pure; thread safe.
/// </summary>
public static class MultisigRules
{
    /// <summary>The most keys an organisation account lists (and the most signatures a transaction carries).</summary>
    public const int MaxKeys = Core.Transactions.TxDecoder.MaxSignatures;

    public const int MaxNameBytes = 64;

    /// <summary>Checks a key list and threshold; on success <paramref name="sorted"/> holds the keys in ascending byte order.</summary>
    public static MsgResult ValidateKeys(IReadOnlyList<ByteString> keys, uint threshold, out List<ByteString> sorted)
    {
        sorted = [];
        if (keys.Count == 0) return Fields.Invalid("public_keys is empty; list 1 to 16 Ed25519 keys (32 bytes each)");
        if (keys.Count > MaxKeys) return Fields.Invalid($"public_keys lists {keys.Count} keys; the limit is {MaxKeys}");
        for (int i = 0; i < keys.Count; i++)
            if (keys[i].Length != PublicKey.Size)
                return Fields.Invalid($"public_keys[{i}] is {keys[i].Length} bytes; an Ed25519 public key is {PublicKey.Size} bytes");
        sorted = [.. keys];
        sorted.Sort(static (a, b) => a.Span.SequenceCompareTo(b.Span));
        for (int i = 1; i < sorted.Count; i++)
            if (sorted[i].Span.SequenceEqual(sorted[i - 1].Span))
                return Fields.Invalid($"public_keys lists key {Convert.ToHexStringLower(sorted[i].Span)} twice; each key once");
        if (threshold == 0) return Fields.Invalid("threshold is 0; it must be at least 1");
        if (threshold > keys.Count)
            return Fields.Invalid($"threshold {threshold} is more than the {keys.Count} keys listed; at most {keys.Count}");
        return MsgResult.Ok;
    }

    public static MsgResult ValidateName(string name) => Fields.RequireText(name, "name", 0, MaxNameBytes);

    /// <summary>"organisation.created" / "organisation.updated": address, name, threshold and one "key" (hex) per listed key.</summary>
    public static Event Event(string type, MultisigAccountState account, AddressText addresses)
    {
        var ev = new Event { Type = type };
        ev.Attributes.Add(new EventAttribute { Key = "address", Value = addresses.Of(new Core.Addressing.Address(account.Address.Span)) });
        ev.Attributes.Add(new EventAttribute { Key = "name", Value = account.Name });
        ev.Attributes.Add(new EventAttribute { Key = "threshold", Value = account.Threshold.ToString(CultureInfo.InvariantCulture) });
        foreach (var key in account.PublicKeys) ev.Attributes.Add(new EventAttribute { Key = "key", Value = Convert.ToHexStringLower(key.Span) });
        return ev;
    }
}
