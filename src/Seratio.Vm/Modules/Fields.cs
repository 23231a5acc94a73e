using System.Text;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules;

/// <summary>
/// Stateless field checks shared by the value modules: each failure is an INVALID_MSG result
/// whose log names the field and the rule. Pure; thread safe.
/// </summary>
public static class Fields
{
    /// <summary>A 20-byte address field.</summary>
    public static MsgResult RequireAddress(ByteString value, string field, out Address address)
    {
        address = default;
        if (value.Length != Address.Size)
            return Invalid(value.Length == 0
                ? $"{field} is required: a {Address.Size}-byte address"
                : $"{field} must be a {Address.Size}-byte address, got {value.Length} bytes");
        address = new Address(value.Span);
        return MsgResult.Ok;
    }

    /// <summary>A canonical amount above 0.</summary>
    public static MsgResult RequirePositiveAmount(string value, string field, out Amount amount)
    {
        if (!Amount.TryParse(value, out amount, out var error)) return Invalid($"{field}: {error}");
        if (amount.IsZero) return Invalid($"{field} is 0; it must be at least 1 base unit");
        return MsgResult.Ok;
    }

    /// <summary>A canonical amount, 0 allowed.</summary>
    public static MsgResult RequireAmount(string value, string field, out Amount amount) =>
        Amount.TryParse(value, out amount, out var error) ? MsgResult.Ok : Invalid($"{field}: {error}");

    /// <summary>Text of <paramref name="min"/>..<paramref name="max"/> UTF-8 bytes without control characters.</summary>
    public static MsgResult RequireText(string value, string field, int min, int max)
    {
        int bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes < min) return Invalid(min == 1 ? $"{field} is required" : $"{field} must be at least {min} UTF-8 bytes");
        if (bytes > max) return Invalid($"{field} is {bytes} UTF-8 bytes; the limit is {max}");
        foreach (char c in value)
            if (char.IsControl(c)) return Invalid($"{field} contains a control character (U+{(int)c:X4}); remove it");
        return MsgResult.Ok;
    }

    /// <summary>Bytes of at most <paramref name="max"/>.</summary>
    public static MsgResult MaxBytes(ByteString value, string field, int max) =>
        value.Length <= max ? MsgResult.Ok : Invalid($"{field} is {value.Length} bytes; the limit is {max}");

    public static MsgResult Invalid(string log) => MsgResult.Fail(ResultCode.InvalidMsg, log);

    /// <summary>At most 32 characters of user text for a log.</summary>
    public static string Printable(string s) => s.Length <= 32 ? s : s[..32] + "…";
}
