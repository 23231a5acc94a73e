namespace Seratio.Vm.Modules;

/// <summary>
/// The block of state key prefixes a module keeps for itself (inclusive), so that modules built in
/// parallel never take the same prefix. An immutable value.
/// </summary>
public readonly record struct PrefixRange(byte First, byte Last)
{
    public bool Contains(byte prefix) => prefix >= First && prefix <= Last;

    public override string ToString() => $"0x{First:X2}..0x{Last:X2}";
}
