using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Entities;

/// <summary>
/// <see cref="MsgSetEntityControllers"/>: a controller replaces the controller list (it may remove
/// itself). The per-controller id lists follow: removed addresses lose the id, added ones gain it
/// (LIMIT_EXCEEDED when full). Gas <see cref="UpdateEntityHandler.GasCost"/>. Emits
/// "entity_controllers_changed" {id, by, controller...}. Stateless; thread safe.
/// </summary>
public sealed class SetEntityControllersHandler : IMsgHandler
{
    public const string EventType = "entity_controllers_changed";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SetEntityControllers;
    public string Name => "set-entity-controllers";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => UpdateEntityHandler.GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.SetEntityControllers, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var change = msg.SetEntityControllers;
        var check = Validate(change, out var next);
        if (!check.IsOk) return check;
        check = EntityRules.ControlledEntity(context, change.Id, out var entity);
        if (!check.IsOk) return check;

        var previous = entity.Controllers.Select(c => new Address(c.Span)).ToList();
        var state = context.State;
        // Check every added controller's capacity before writing anything.
        var added = new List<(Address Controller, List<ulong> Ids)>();
        foreach (var controller in next)
        {
            if (previous.Contains(controller)) continue;
            var ids = Entities.ControlledBy(state, controller);
            if (ids.Count >= Entities.MaxPerController)
                return MsgResult.Fail(ResultCode.LimitExceeded,
                    $"{controller} already controls {ids.Count} entities, the most one address may; choose another controller");
            added.Add((controller, ids));
        }
        foreach (var controller in previous)
        {
            if (next.Contains(controller)) continue;
            var ids = Entities.ControlledBy(state, controller);
            ids.Remove(change.Id);
            Entities.PutIds(state, controller, ids);
        }
        foreach (var (controller, ids) in added)
        {
            int at = ids.BinarySearch(change.Id);
            if (at < 0) ids.Insert(~at, change.Id);
            Entities.PutIds(state, controller, ids);
        }
        entity.Controllers.Clear();
        entity.Controllers.Add(change.Controllers);
        entity.UpdatedHeight = context.Block.Height;
        Entities.Put(state, entity);

        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "id", Value = change.Id.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "by", Value = context.Addresses.Of(context.Sender) });
        EntityRules.AddControllerAttributes(ev, next, context.Addresses);
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgSetEntityControllers? change, out List<Address> controllers)
    {
        controllers = [];
        if (change is null) return Fields.Invalid("set-entity-controllers message is empty");
        var check = EntityRules.Id(change.Id);
        return check.IsOk ? EntityRules.Controllers(change.Controllers, out controllers) : check;
    }
}
