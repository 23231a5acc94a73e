using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Entities;

/// <summary>The state keys of the entities module. Stateless; thread safe.</summary>
public static class EntityKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x20, 0x2F);

    /// <summary>An <c>EntityState</c> (key: id, 8 bytes big-endian).</summary>
    public const byte EntityPrefix = 0x20;

    /// <summary>The last id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte CounterPrefix = 0x21;

    /// <summary>The <c>EntityIdList</c> an address controls (key: 20-byte address).</summary>
    public const byte ByControllerPrefix = 0x22;

    public static Hash32 Entity(ulong id) => StateKey.Id(EntityPrefix, id);

    public static Hash32 Counter() => StateKey.Fixed(CounterPrefix);

    public static Hash32 ByController(Address controller) => StateKey.Address(ByControllerPrefix, controller);
}
