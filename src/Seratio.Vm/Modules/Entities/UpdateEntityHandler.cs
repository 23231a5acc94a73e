using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Entities;

/// <summary>
/// <see cref="MsgUpdateEntity"/>: a controller replaces the entity's name and metadata (kind and
/// id never change). NOT_FOUND for an unknown id, UNAUTHORIZED for a sender that is not a
/// controller. Gas <see cref="GasCost"/>. Emits "entity_updated" {id, name, metadata_uri,
/// metadata_hash, by}. Stateless; thread safe.
/// </summary>
public sealed class UpdateEntityHandler : IMsgHandler
{
    public const ulong GasCost = 10_000;
    public const string EventType = "entity_updated";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.UpdateEntity;
    public string Name => "update-entity";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.UpdateEntity);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var update = msg.UpdateEntity;
        var check = Validate(update);
        if (!check.IsOk) return check;
        check = EntityRules.ControlledEntity(context, update.Id, out var entity);
        if (!check.IsOk) return check;

        entity.Name = update.Name;
        entity.MetadataUri = update.MetadataUri;
        entity.MetadataHash = update.MetadataHash;
        entity.UpdatedHeight = context.Block.Height;
        Entities.Put(context.State, entity);

        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "id", Value = update.Id.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "name", Value = update.Name });
        ev.Attributes.Add(new EventAttribute { Key = "metadata_uri", Value = update.MetadataUri });
        ev.Attributes.Add(new EventAttribute { Key = "metadata_hash", Value = Convert.ToHexStringLower(update.MetadataHash.Span) });
        ev.Attributes.Add(new EventAttribute { Key = "by", Value = context.Addresses.Of(context.Sender) });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgUpdateEntity? update)
    {
        if (update is null) return Fields.Invalid("update-entity message is empty");
        var check = EntityRules.Id(update.Id);
        return check.IsOk ? EntityRules.Metadata(update.Name, update.MetadataUri, update.MetadataHash) : check;
    }
}
