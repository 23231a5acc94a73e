using Google.Protobuf;
using Google.Protobuf.Collections;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Entities;

/// <summary>Stateless rules of entity fields, shared by the entity handlers. Pure; thread safe.</summary>
internal static class EntityRules
{
    public const int MaxNameBytes = 128;
    public const int MaxUriBytes = 512;
    public const int MaxControllers = 16;

    public static MsgResult Kind(EntityKind kind) => kind is >= EntityKind.Organisation and <= EntityKind.Person
        ? MsgResult.Ok
        : Fields.Invalid($"kind {(int)kind} is unknown; use organisation (1), product (2), project (3), process (4) or person (5)");

    /// <summary>Name 1-128 bytes; uri at most 512 bytes; hash 32 bytes with a uri, empty without one.</summary>
    public static MsgResult Metadata(string name, string uri, ByteString hash)
    {
        var check = Fields.RequireText(name, "name", 1, MaxNameBytes);
        if (!check.IsOk) return check;
        check = Fields.RequireText(uri, "metadata_uri", 0, MaxUriBytes);
        if (!check.IsOk) return check;
        if (uri.Length == 0)
            return hash.IsEmpty ? MsgResult.Ok : Fields.Invalid("metadata_hash is set but metadata_uri is empty; give both or neither");
        return hash.Length == Hash32.Size
            ? MsgResult.Ok
            : Fields.Invalid($"metadata_hash must be the {Hash32.Size}-byte SHA-256 of the metadata at metadata_uri, got {hash.Length} bytes");
    }

    /// <summary>1-16 distinct 20-byte addresses.</summary>
    public static MsgResult Controllers(RepeatedField<ByteString> controllers, out List<Address> addresses)
    {
        addresses = new List<Address>(controllers.Count);
        if (controllers.Count == 0) return Fields.Invalid("controllers is empty; name at least one address that may update the entity");
        if (controllers.Count > MaxControllers) return Fields.Invalid($"{controllers.Count} controllers given; at most {MaxControllers}");
        for (int i = 0; i < controllers.Count; i++)
        {
            var check = Fields.RequireAddress(controllers[i], $"controllers[{i}]", out var address);
            if (!check.IsOk) return check;
            if (addresses.Contains(address)) return Fields.Invalid($"controllers[{i}] ({address}) is listed twice");
            addresses.Add(address);
        }
        return MsgResult.Ok;
    }

    public static MsgResult Id(ulong id) => id == 0 ? Fields.Invalid("id is required: entity ids start at 1") : MsgResult.Ok;

    /// <summary>The entity, or NOT_FOUND / UNAUTHORIZED when it is unknown or the sender is not a controller.</summary>
    public static MsgResult ControlledEntity(in MsgContext context, ulong id, out EntityState entity)
    {
        entity = Entities.Get(context.State, id)!;
        if (entity is null)
            return MsgResult.Fail(ResultCode.NotFound, $"entity {id} does not exist; register it first or check the id (GetEntity)");
        if (!Entities.IsController(entity, context.Sender))
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} is not a controller of entity {id}; one of its controllers must send this message");
        return MsgResult.Ok;
    }

    public static void AddControllerAttributes(Event ev, IEnumerable<Address> controllers, AddressText text)
    {
        foreach (var controller in controllers) ev.Attributes.Add(new EventAttribute { Key = "controller", Value = text.Of(controller) });
    }
}
