using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Seratio.Core.Addressing;
using Seratio.Protocol;

namespace Seratio.Client.Messages;

/// <summary>One field of a decoded message: its proto name and its value as text.</summary>
public readonly record struct MessageField(string Name, string Value);

/// <summary>
/// A chain message decoded for people: its kind by the proto field name (<c>grant_role</c>) and each field that is set,
/// in field-number order, with 20-byte values as addresses, other bytes as hex, enums by name and nested messages inline.
/// Works for every kind through protobuf reflection, so a new message kind needs nothing here. Pure; thread safe.
/// </summary>
public static class MessageFields
{
    /// <summary>Nested messages deeper than this are shown as "…" (a proposal's messages are flat; this bounds hostile ones).</summary>
    public const int MaxDepth = 4;

    /// <summary>Most elements of a repeated field shown; the rest are counted.</summary>
    public const int MaxListItems = 32;

    /// <summary>The kind of <paramref name="msg"/> as the proto names it ("set_validator"), "none" when empty.</summary>
    public static string Kind(Msg msg)
    {
        ArgumentNullException.ThrowIfNull(msg);
        return msg.KindCase == Msg.KindOneofCase.None ? "none" : Msg.Descriptor.FindFieldByNumber((int)msg.KindCase).Name;
    }

    /// <summary>The fields of the message inside <paramref name="msg"/> that are set.</summary>
    public static IReadOnlyList<MessageField> Fields(Msg msg)
    {
        ArgumentNullException.ThrowIfNull(msg);
        if (msg.KindCase == Msg.KindOneofCase.None) return [];
        var inner = (IMessage)Msg.Descriptor.FindFieldByNumber((int)msg.KindCase).Accessor.GetValue(msg);
        return Of(inner, 0);
    }

    private static List<MessageField> Of(IMessage message, int depth)
    {
        var fields = new List<MessageField>();
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var list = ((IEnumerable)value).Cast<object>().ToList();
                if (list.Count == 0) continue;
                var shown = list.Take(MaxListItems).Select(v => Value(field, v, depth));
                fields.Add(new MessageField(field.Name, "[" + string.Join(", ", shown) + (list.Count > MaxListItems ? $", … {list.Count - MaxListItems} more" : "") + "]"));
            }
            else if (field.FieldType == FieldType.Message ? value is not null : !IsDefault(value))
                fields.Add(new MessageField(field.Name, Value(field, value!, depth)));
        }
        return fields;
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ByteString b => b.IsEmpty,
        bool b => !b,
        int i => i == 0,
        uint u => u == 0,
        long l => l == 0,
        ulong u => u == 0,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) == 0,
        _ => false,
    };

    private static string Value(FieldDescriptor field, object value, int depth) => value switch
    {
        ByteString bytes => bytes.Length == Address.Size ? new Address(bytes.Span).ToString() : Convert.ToHexStringLower(bytes.Span),
        IMessage nested => depth >= MaxDepth ? "{…}" : "{" + string.Join(", ", Of(nested, depth + 1).Select(f => $"{f.Name}: {f.Value}")) + "}",
        Enum e when field.FieldType == FieldType.Enum => field.EnumType.FindValueByNumber(Convert.ToInt32(e, CultureInfo.InvariantCulture))?.Name ?? e.ToString(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
