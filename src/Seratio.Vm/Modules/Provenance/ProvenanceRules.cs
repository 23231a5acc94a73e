using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;

namespace Seratio.Vm.Modules.Provenance;

/// <summary>
/// Stateless rules of <see cref="MsgAppendProvenance"/>: what the mempool checks before a message
/// may enter a block. Each failure is INVALID_MSG with a log naming the field. Pure; thread safe.
/// </summary>
public static class ProvenanceRules
{
    public const int MaxItems = 64;
    public const int MaxItemBytes = 128;
    public const int MaxLocationBytes = 256;
    public const int MaxWhyBytes = 64;
    public const int MaxInputs = 64;
    public const int MaxLinks = 32;
    public const int MaxUriBytes = 512;

    public static MsgResult Validate(MsgAppendProvenance? append)
    {
        if (append is null) return Fields.Invalid("append-provenance message is empty");
        if (append.EntityId == 0) return Fields.Invalid("entity_id is required: the subject entity (entity ids start at 1)");
        if (append.EventKind is < ProvenanceEventKind.Object or > ProvenanceEventKind.Association)
            return Fields.Invalid($"event_kind {(int)append.EventKind} is unknown; use object (1), aggregation (2), transformation (3), transaction (4) or association (5)");
        var check = Items(append);
        if (!check.IsOk) return check;
        check = Fields.RequireText(append.Location, "location", 0, MaxLocationBytes);
        if (!check.IsOk) return check;
        if (append.EventTimeMs <= 0)
            return Fields.Invalid($"event_time_ms is {append.EventTimeMs}; give the time of the event as unix milliseconds (> 0)");
        check = Fields.RequireText(append.BusinessStep, "business_step", 0, MaxWhyBytes);
        if (!check.IsOk) return check;
        check = Fields.RequireText(append.Disposition, "disposition", 0, MaxWhyBytes);
        if (!check.IsOk) return check;
        check = Inputs(append);
        if (!check.IsOk) return check;
        check = Links(append);
        if (!check.IsOk) return check;
        return Attributes(append);
    }

    private static MsgResult Items(MsgAppendProvenance append)
    {
        if (append.Items.Count == 0) return Fields.Invalid("items is empty; name at least one item id the event is about");
        if (append.Items.Count > MaxItems) return Fields.Invalid($"{append.Items.Count} items given; at most {MaxItems} per record");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < append.Items.Count; i++)
        {
            var check = Fields.RequireText(append.Items[i], $"items[{i}]", 1, MaxItemBytes);
            if (!check.IsOk) return check;
            if (!seen.Add(append.Items[i])) return Fields.Invalid($"items[{i}] ('{Fields.Printable(append.Items[i])}') is listed twice");
        }
        return MsgResult.Ok;
    }

    private static MsgResult Inputs(MsgAppendProvenance append)
    {
        if (append.Inputs.Count > MaxInputs) return Fields.Invalid($"{append.Inputs.Count} inputs given; at most {MaxInputs} per record");
        var seen = new HashSet<ulong>();
        for (int i = 0; i < append.Inputs.Count; i++)
        {
            if (append.Inputs[i] == 0) return Fields.Invalid($"inputs[{i}] is 0; record ids start at 1");
            if (!seen.Add(append.Inputs[i])) return Fields.Invalid($"inputs[{i}] (record {append.Inputs[i]}) is listed twice");
        }
        return MsgResult.Ok;
    }

    private static MsgResult Links(MsgAppendProvenance append)
    {
        if (append.Links.Count > MaxLinks) return Fields.Invalid($"{append.Links.Count} links given; at most {MaxLinks} per record");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < append.Links.Count; i++)
        {
            var link = append.Links[i];
            switch (link.TargetCase)
            {
                case ProvenanceLink.TargetOneofCase.None:
                    return Fields.Invalid($"links[{i}] names no target; set certificate_id, microshare_lot_id or asset_symbol");
                case ProvenanceLink.TargetOneofCase.CertificateId when link.CertificateId == 0:
                    return Fields.Invalid($"links[{i}].certificate_id is 0; certificate ids start at 1");
                case ProvenanceLink.TargetOneofCase.MicroshareLotId when link.MicroshareLotId == 0:
                    return Fields.Invalid($"links[{i}].microshare_lot_id is 0; lot ids start at 1");
                case ProvenanceLink.TargetOneofCase.AssetSymbol when link.AssetSymbol != Core.Numerics.Ser.Symbol
                                                                  && AssetSymbol.Problem(link.AssetSymbol) is { } problem:
                    return Fields.Invalid($"links[{i}].asset_symbol: {problem}");
            }
            if (!seen.Add(Provenance.LinkText(link))) return Fields.Invalid($"links[{i}] ({Provenance.LinkText(link)}) is listed twice");
        }
        return MsgResult.Ok;
    }

    private static MsgResult Attributes(MsgAppendProvenance append)
    {
        var check = Fields.RequireText(append.AttributesUri, "attributes_uri", 0, MaxUriBytes);
        if (!check.IsOk) return check;
        if (append.AttributesUri.Length == 0)
            return append.AttributesHash.IsEmpty
                ? MsgResult.Ok
                : Fields.Invalid("attributes_hash is set but attributes_uri is empty; give both or neither");
        return append.AttributesHash.Length == Hash32.Size
            ? MsgResult.Ok
            : Fields.Invalid($"attributes_hash must be the {Hash32.Size}-byte SHA-256 of the document at attributes_uri, got {append.AttributesHash.Length} bytes");
    }
}
