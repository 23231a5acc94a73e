using System.Collections.Concurrent;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Vm.Tests.Support;

/// <summary>Deterministic named test keys, created once per name.</summary>
public static class TestKeys
{
    private static readonly ConcurrentDictionary<string, SigningKey> Keys = new();

    public static SigningKey Key(string name) => Keys.GetOrAdd(name, SigningKey.ForTesting);
    public static Address Address(string name) => Key(name).Address;

    public static readonly Address Proposer = Address("proposer");
}
