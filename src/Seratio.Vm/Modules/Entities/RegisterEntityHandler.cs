using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Entities;

/// <summary>
/// <see cref="MsgRegisterEntity"/>: any signer registers an entity. Its id is the module counter
/// plus one (ids 1, 2, 3, ... in execution order, so every node assigns the same). Each controller's
/// id list gains the id; a list already holding <see cref="Entities.MaxPerController"/> ids is
/// LIMIT_EXCEEDED. Gas <see cref="GasCost"/>. Emits "entity_registered" {id, kind, name,
/// metadata_uri, metadata_hash, registrant, controller...}. Stateless; thread safe.
/// </summary>
public sealed class RegisterEntityHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;
    public const string EventType = "entity_registered";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.RegisterEntity;
    public string Name => "register-entity";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.RegisterEntity, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var register = msg.RegisterEntity;
        var check = Validate(register, out var controllers);
        if (!check.IsOk) return check;
        var state = context.State;
        ulong last = Entities.LastId(state);
        if (last == ulong.MaxValue) return MsgResult.Fail(ResultCode.LimitExceeded, "entity ids are exhausted");
        ulong id = last + 1;

        var lists = new List<List<ulong>>(controllers.Count);
        foreach (var controller in controllers)
        {
            var ids = Entities.ControlledBy(state, controller);
            if (ids.Count >= Entities.MaxPerController)
                return MsgResult.Fail(ResultCode.LimitExceeded,
                    $"{controller} already controls {ids.Count} entities, the most one address may; use another controller address");
            lists.Add(ids);
        }

        var entity = new EntityState
        {
            Id = id,
            Kind = register.Kind,
            Name = register.Name,
            MetadataUri = register.MetadataUri,
            MetadataHash = register.MetadataHash,
            RegisteredHeight = context.Block.Height,
            UpdatedHeight = context.Block.Height,
        };
        entity.Controllers.Add(register.Controllers);
        Entities.SetLastId(state, id);
        Entities.Put(state, entity);
        for (int i = 0; i < controllers.Count; i++)
        {
            lists[i].Add(id); // the newest id is the largest: the list stays ascending
            Entities.PutIds(state, controllers[i], lists[i]);
        }

        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "id", Value = id.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "kind", Value = Entities.KindName(register.Kind) });
        ev.Attributes.Add(new EventAttribute { Key = "name", Value = register.Name });
        ev.Attributes.Add(new EventAttribute { Key = "metadata_uri", Value = register.MetadataUri });
        ev.Attributes.Add(new EventAttribute { Key = "metadata_hash", Value = Convert.ToHexStringLower(register.MetadataHash.Span) });
        ev.Attributes.Add(new EventAttribute { Key = "registrant", Value = context.Addresses.Of(context.Sender) });
        EntityRules.AddControllerAttributes(ev, controllers, context.Addresses);
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgRegisterEntity? register, out List<Core.Addressing.Address> controllers)
    {
        controllers = [];
        if (register is null) return Fields.Invalid("register-entity message is empty");
        var check = EntityRules.Kind(register.Kind);
        if (!check.IsOk) return check;
        check = EntityRules.Metadata(register.Name, register.MetadataUri, register.MetadataHash);
        return check.IsOk ? EntityRules.Controllers(register.Controllers, out controllers) : check;
    }
}
