using Seratio.Core.Addressing;

namespace Seratio.Vm.Modules;

/// <summary>
/// Bech32m text of addresses for events, computed once per address per block (encoding is the
/// costliest step of a transfer's event and the same accounts recur in a block). The cache
/// only avoids recomputation; it never changes output. Not thread safe (one per block).
/// </summary>
public sealed class AddressText
{
    private readonly Dictionary<Address, string> _texts = new();

    public string Of(Address address)
    {
        if (!_texts.TryGetValue(address, out var text))
        {
            text = address.ToString();
            _texts.Add(address, text);
        }
        return text;
    }
}
