using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Provenance;

/// <summary>
/// Reads and writes provenance records (<see cref="ProvenanceRecord"/> under
/// <see cref="ProvenanceKeys.Record"/>, never changed once written) and the id counter
/// (<see cref="ProvenanceKeys.Counter"/>: the last id handed out; ids are 1, 2, 3, ...).
/// The indexes are <see cref="ProvenanceIndex"/> lists. A stored value that does not decode is a
/// broken state invariant and throws. Stateless; thread safe.
/// </summary>
public static class Provenance
{
    /// <summary>The record with <paramref name="id"/>, or null when none has it.</summary>
    public static ProvenanceRecord? Get(IStateReader state, ulong id)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bytes = state.Get(ProvenanceKeys.Record(id));
        if (bytes is null) return null;
        try
        {
            return ProvenanceRecord.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds a provenance value that is not a seratio.v1.ProvenanceRecord", ex);
        }
    }

    /// <summary>The last id handed out (0 before the first record).</summary>
    public static ulong LastId(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(ProvenanceKeys.Counter());
        if (value is null) return 0;
        if (value.Length != sizeof(ulong)) throw new InvalidDataException("state holds a provenance counter that is not 8 bytes");
        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    internal static void SetLastId(IStateView state, ulong id)
    {
        var value = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(value, id);
        state.Set(ProvenanceKeys.Counter(), value);
    }

    internal static void Put(IStateView state, ProvenanceRecord record) =>
        state.Set(ProvenanceKeys.Record(record.Id), record.ToByteArray());

    /// <summary>"object", "aggregation", "transformation", "transaction", "association".</summary>
    public static string KindName(ProvenanceEventKind kind) => kind switch
    {
        ProvenanceEventKind.Object => "object",
        ProvenanceEventKind.Aggregation => "aggregation",
        ProvenanceEventKind.Transformation => "transformation",
        ProvenanceEventKind.Transaction => "transaction",
        ProvenanceEventKind.Association => "association",
        _ => $"kind {(int)kind}",
    };

    public static bool TryParseKind(string? text, out ProvenanceEventKind kind)
    {
        kind = text switch
        {
            "object" => ProvenanceEventKind.Object,
            "aggregation" => ProvenanceEventKind.Aggregation,
            "transformation" => ProvenanceEventKind.Transformation,
            "transaction" => ProvenanceEventKind.Transaction,
            "association" => ProvenanceEventKind.Association,
            _ => ProvenanceEventKind.Unspecified,
        };
        return kind != ProvenanceEventKind.Unspecified;
    }

    /// <summary>"certificate:7", "lot:3", "asset:SER": the text form of a link (events, CLI).</summary>
    public static string LinkText(ProvenanceLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.TargetCase switch
        {
            ProvenanceLink.TargetOneofCase.CertificateId => "certificate:" + link.CertificateId.ToString(CultureInfo.InvariantCulture),
            ProvenanceLink.TargetOneofCase.MicroshareLotId => "lot:" + link.MicroshareLotId.ToString(CultureInfo.InvariantCulture),
            ProvenanceLink.TargetOneofCase.AssetSymbol => "asset:" + link.AssetSymbol,
            _ => "none",
        };
    }

    /// <summary>Parses <see cref="LinkText"/>'s form; null when <paramref name="text"/> is not one.</summary>
    public static ProvenanceLink? ParseLink(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        string kind = text[..colon], value = text[(colon + 1)..];
        if (kind == "asset") return value.Length == 0 ? null : new ProvenanceLink { AssetSymbol = value };
        if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0) return null;
        return kind switch
        {
            "certificate" => new ProvenanceLink { CertificateId = id },
            "lot" => new ProvenanceLink { MicroshareLotId = id },
            _ => null,
        };
    }
}

/// <summary>An <see cref="IStateReader"/> over a handler's <see cref="IStateView"/> (reads see the view's writes). Not thread safe.</summary>
internal sealed class StateViewReader(IStateView view) : IStateReader
{
    public byte[]? Get(in Core.Crypto.Hash32 key) => view.Get(key);
}
