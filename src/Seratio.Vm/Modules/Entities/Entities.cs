using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Entities;

/// <summary>
/// Reads and writes entities (<see cref="EntityState"/> under <see cref="EntityKeys.Entity"/>), the
/// id counter and the per-controller id lists. Ids are 1, 2, 3, ...: the counter under
/// <see cref="EntityKeys.Counter"/> holds the last id handed out. The helpers other modules
/// call are <see cref="Get(IStateView, ulong)"/> and <see cref="IsController"/>. A stored value that
/// does not decode is a broken state invariant and throws. Stateless; thread safe.
/// </summary>
public static class Entities
{
    /// <summary>Most entities one address may control (its id list is one state value).</summary>
    public const int MaxPerController = 1_000;

    /// <summary>The entity with <paramref name="id"/>, or null when none has it.</summary>
    public static EntityState? Get(IStateView state, ulong id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(EntityKeys.Entity(id)));
    }

    /// <inheritdoc cref="Get(IStateView, ulong)"/>
    public static EntityState? Get(IStateReader state, ulong id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(EntityKeys.Entity(id)));
    }

    /// <summary>Whether <paramref name="address"/> is one of <paramref name="entity"/>'s controllers.</summary>
    public static bool IsController(EntityState entity, Address address)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var controller in entity.Controllers)
            if (controller.Length == Address.Size && new Address(controller.Span) == address) return true;
        return false;
    }

    /// <summary>The ids <paramref name="controller"/> controls, ascending.</summary>
    public static IReadOnlyList<ulong> ControlledBy(IStateReader state, Address controller)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeIds(state.Get(EntityKeys.ByController(controller)));
    }

    /// <inheritdoc cref="ControlledBy(IStateReader, Address)"/>
    public static List<ulong> ControlledBy(IStateView state, Address controller)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeIds(state.Get(EntityKeys.ByController(controller)));
    }

    /// <summary>The last id handed out (0 before the first entity).</summary>
    public static ulong LastId(IStateView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeCounter(state.Get(EntityKeys.Counter()));
    }

    /// <inheritdoc cref="LastId(IStateView)"/>
    public static ulong LastId(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeCounter(state.Get(EntityKeys.Counter()));
    }

    private static ulong DecodeCounter(byte[]? value)
    {
        if (value is null) return 0;
        if (value.Length != sizeof(ulong)) throw new InvalidDataException("state holds an entity counter that is not 8 bytes");
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    internal static void SetLastId(IStateView state, ulong id)
    {
        var value = new byte[sizeof(ulong)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(value, id);
        state.Set(EntityKeys.Counter(), value);
    }

    internal static void Put(IStateView state, EntityState entity) => state.Set(EntityKeys.Entity(entity.Id), entity.ToByteArray());

    /// <summary>Writes <paramref name="ids"/> (ascending) as the list of <paramref name="controller"/>; empty deletes.</summary>
    internal static void PutIds(IStateView state, Address controller, List<ulong> ids)
    {
        var list = new EntityIdList();
        list.Ids.Add(ids);
        state.Set(EntityKeys.ByController(controller), ids.Count == 0 ? null : list.ToByteArray());
    }

    public static EntityState? Decode(byte[]? bytes)
    {
        if (bytes is null) return null;
        try
        {
            return EntityState.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds an entity value that is not a seratio.v1.EntityState", ex);
        }
    }

    private static List<ulong> DecodeIds(byte[]? bytes)
    {
        if (bytes is null) return [];
        try
        {
            return [.. EntityIdList.Parser.ParseFrom(bytes).Ids];
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds an entity id list that is not a seratio.v1.EntityIdList", ex);
        }
    }

    /// <summary>"organisation", "product", "project", "process", "person".</summary>
    public static string KindName(EntityKind kind) => kind switch
    {
        EntityKind.Organisation => "organisation",
        EntityKind.Product => "product",
        EntityKind.Project => "project",
        EntityKind.Process => "process",
        EntityKind.Person => "person",
        _ => $"kind {(int)kind}",
    };

    public static bool TryParseKind(string? text, out EntityKind kind)
    {
        kind = text switch
        {
            "organisation" => EntityKind.Organisation,
            "product" => EntityKind.Product,
            "project" => EntityKind.Project,
            "process" => EntityKind.Process,
            "person" => EntityKind.Person,
            _ => EntityKind.Unspecified,
        };
        return kind != EntityKind.Unspecified;
    }
}
