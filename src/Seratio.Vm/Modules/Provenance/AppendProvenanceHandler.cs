using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Provenance;

/// <summary>
/// <see cref="MsgAppendProvenance"/>: a controller of the subject entity appends a record. Its id is
/// the module counter plus one; every input and <c>corrects</c> must be an existing, hence earlier,
/// record, so the graph stays acyclic by construction. The record is written with the block time,
/// height and signer; each input's children list, the entity's and each item's record lists, the
/// corrected record's corrections list and each linked microshare lot's record list gain the id. Gas <see cref="GasCost"/>. Emits
/// "provenance_appended" {id, entity, kind, signer, item..., input..., link..., corrects}.
/// Stateless; thread safe.
/// </summary>
public sealed class AppendProvenanceHandler : IMsgHandler
{
    /// <summary>Covers up to 64 items, 64 inputs and 32 links of index writes; the bytes pay per-byte gas.</summary>
    public const ulong GasCost = 40_000;
    public const string EventType = "provenance_appended";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.AppendProvenance;
    public string Name => "append-provenance";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => ProvenanceRules.Validate(msg.AppendProvenance);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var append = msg.AppendProvenance;
        var check = ProvenanceRules.Validate(append);
        if (!check.IsOk) return check;
        var view = context.State;
        var state = new StateViewReader(view);

        var entity = Entities.Entities.Get(view, append.EntityId);
        if (entity is null)
            return MsgResult.Fail(ResultCode.NotFound, $"entity {append.EntityId} does not exist; register it first or check the id (GetEntity)");
        if (!Entities.Entities.IsController(entity, context.Sender))
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} is not a controller of entity {append.EntityId}; only its controllers append provenance records for it");

        ulong last = Provenance.LastId(state);
        if (last == ulong.MaxValue) return MsgResult.Fail(ResultCode.LimitExceeded, "provenance record ids are exhausted");
        ulong id = last + 1;
        for (int i = 0; i < append.Inputs.Count; i++)
        {
            check = Earlier(append.Inputs[i], $"inputs[{i}]", id, last);
            if (!check.IsOk) return check;
        }
        if (append.Corrects != 0)
        {
            check = Earlier(append.Corrects, "corrects", id, last);
            if (!check.IsOk) return check;
            var corrected = Provenance.Get(state, append.Corrects)
                ?? throw new InvalidDataException($"provenance record {append.Corrects} is below the counter but not in state");
            if (corrected.EntityId != append.EntityId)
                return MsgResult.Fail(ResultCode.InvalidMsg,
                    $"corrects names record {append.Corrects} of entity {corrected.EntityId}; a correction must be about the same entity ({append.EntityId})");
        }
        for (int i = 0; i < append.Links.Count; i++)
        {
            var link = append.Links[i];
            if (link.TargetCase == ProvenanceLink.TargetOneofCase.AssetSymbol && link.AssetSymbol != Ser.Symbol
                && Altcoins.Altcoins.Get(view, link.AssetSymbol) is null)
                return MsgResult.Fail(ResultCode.NotFound,
                    $"links[{i}] names asset '{link.AssetSymbol}', which does not exist; check the symbol (GetAsset) or link SER");
            if (link.TargetCase == ProvenanceLink.TargetOneofCase.CertificateId && Certificates.Certificates.Get(view, link.CertificateId) is null)
                return MsgResult.Fail(ResultCode.NotFound,
                    $"links[{i}] names certificate {link.CertificateId}, which does not exist; check the id (GetCertificate)");
        }

        var record = new ProvenanceRecord
        {
            Id = id,
            EntityId = append.EntityId,
            EventKind = append.EventKind,
            Location = append.Location,
            EventTimeMs = append.EventTimeMs,
            BlockTimeMs = context.Block.TimeUnixMs,
            Height = context.Block.Height,
            BusinessStep = append.BusinessStep,
            Disposition = append.Disposition,
            AttributesUri = append.AttributesUri,
            AttributesHash = append.AttributesHash,
            Signer = context.Sender.ToByteString(),
            Corrects = append.Corrects,
        };
        record.Items.Add(append.Items);
        record.Inputs.Add(append.Inputs);
        record.Links.Add(append.Links);

        Provenance.SetLastId(view, id);
        Provenance.Put(view, record);
        foreach (var input in append.Inputs) ProvenanceIndex.Children(input).Append(view, state, id);
        ProvenanceIndex.ByEntity(append.EntityId).Append(view, state, id);
        foreach (var item in append.Items) ProvenanceIndex.ByItem(item).Append(view, state, id);
        if (append.Corrects != 0) ProvenanceIndex.Corrections(append.Corrects).Append(view, state, id);
        // ProvenanceRules refuses a link listed twice, so each lot gains the id once.
        foreach (var lot in append.Links.Where(l => l.TargetCase == ProvenanceLink.TargetOneofCase.MicroshareLotId).Select(l => l.MicroshareLotId))
            ProvenanceIndex.ByLot(lot).Append(view, state, id);

        context.Events.Add(Event(record, context.Addresses));
        return MsgResult.Ok;
    }

    // Every id at or below the counter exists (records are never deleted), so "earlier" is "exists".
    private static MsgResult Earlier(ulong named, string field, ulong id, ulong last)
    {
        if (named <= last) return MsgResult.Ok;
        if (named == id)
            return MsgResult.Fail(ResultCode.NotFound,
                $"{field} is record {named}, the id this record is getting; a record cannot name itself, only earlier records (the last is {last})");
        return MsgResult.Fail(ResultCode.NotFound,
            $"{field} is record {named}, which does not exist yet (the last record is {last}); name only earlier records");
    }

    private static Event Event(ProvenanceRecord record, AddressText addresses)
    {
        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "id", Value = record.Id.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "entity", Value = record.EntityId.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "kind", Value = Provenance.KindName(record.EventKind) });
        ev.Attributes.Add(new EventAttribute { Key = "signer", Value = addresses.Of(new Core.Addressing.Address(record.Signer.Span)) });
        foreach (var item in record.Items) ev.Attributes.Add(new EventAttribute { Key = "item", Value = item });
        foreach (var input in record.Inputs)
            ev.Attributes.Add(new EventAttribute { Key = "input", Value = input.ToString(CultureInfo.InvariantCulture) });
        foreach (var link in record.Links) ev.Attributes.Add(new EventAttribute { Key = "link", Value = Provenance.LinkText(link) });
        if (record.Corrects != 0)
            ev.Attributes.Add(new EventAttribute { Key = "corrects", Value = record.Corrects.ToString(CultureInfo.InvariantCulture) });
        return ev;
    }
}
