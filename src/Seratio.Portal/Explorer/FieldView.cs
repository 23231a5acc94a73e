using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Seratio.Core.Addressing;
using Seratio.Protocol;

namespace Seratio.Portal.Explorer;

/// <summary>One field of a decoded message as a page shows it: its name, its value as text (with a link when the value
/// names a chain object), or the fields of a nested message.</summary>
public sealed record FieldView(string Name, string? Text, string? Href, IReadOnlyList<FieldView>? Children, bool Code = false);

/// <summary>
/// Prints any protobuf message field by field, by name, from its descriptor: every module's messages read the same
/// without a page per message. 20-byte values are addresses, 32-byte ones hashes; ids of certificates, entities, lots,
/// records and classes link to their pages. Bounded: at most <see cref="MaxFields"/> fields and <see cref="MaxDepth"/>
/// levels per message (more is cut, and says so). Stateless; thread safe.
/// </summary>
public static class MessageFields
{
    public const int MaxFields = 400, MaxDepth = 8, MaxBytesShown = 64;

    /// <summary>A chain message's kind by its proto field name ("grant_role") and the fields of the message inside it.</summary>
    public static (string Kind, IReadOnlyList<FieldView> Fields) Of(Msg msg)
    {
        ArgumentNullException.ThrowIfNull(msg);
        var field = Msg.Descriptor.Oneofs[0].Accessor.GetCaseFieldDescriptor(msg);
        if (field is null) return ("unknown message (a newer node's kind)", []);
        return (field.Name, field.Accessor.GetValue(msg) is IMessage inner ? Of(inner) : []);
    }

    public static IReadOnlyList<FieldView> Of(IMessage message)
    {
        int budget = MaxFields;
        return Walk(message, 0, ref budget);
    }

    private static List<FieldView> Walk(IMessage message, int depth, ref int budget)
    {
        var fields = new List<FieldView>();
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (budget <= 0) { fields.Add(new FieldView("…", "more fields not shown", null, null)); break; }
            var value = field.Accessor.GetValue(message);
            if (field.IsMap) continue;
            if (field.IsRepeated)
            {
                var items = ((System.Collections.IEnumerable)value).Cast<object>().ToList();
                if (items.Count == 0) continue;
                int shown = 0;
                for (; shown < items.Count && budget > 0; shown++)
                    fields.Add(One(field, $"{field.Name}[{shown}]", items[shown], depth, ref budget));
                if (shown < items.Count) fields.Add(new FieldView("…", $"{items.Count - shown} more of {field.Name} not shown", null, null));
                continue;
            }
            if (field.RealContainingOneof is not null && field.RealContainingOneof.Accessor.GetCaseFieldDescriptor(message)?.FieldNumber != field.FieldNumber) continue;
            if (field.FieldType == FieldType.Message ? value is null : IsDefault(value) && field.RealContainingOneof is null) continue;
            fields.Add(One(field, field.Name, value!, depth, ref budget));
        }
        return fields;
    }

    private static bool IsDefault(object value) => value switch
    {
        string s => s.Length == 0,
        ByteString b => b.IsEmpty,
        bool b => !b,
        ulong u => u == 0,
        long l => l == 0,
        uint u => u == 0,
        int i => i == 0,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) == 0,
        _ => false,
    };

    private static FieldView One(FieldDescriptor field, string name, object value, int depth, ref int budget)
    {
        budget--;
        switch (value)
        {
            case IMessage nested:
                if (depth + 1 >= MaxDepth) return new FieldView(name, "nested too deep to show", null, null);
                return new FieldView(name, null, null, Walk(nested, depth + 1, ref budget));
            case ByteString bytes:
                return Bytes(field.Name, name, bytes);
            case ulong id:
                return new FieldView(name, id.ToString(CultureInfo.InvariantCulture), LinkOf(field.Name, id), null);
            case string text:
                return Address.TryParse(text, out _, out _) ? new FieldView(name, text, $"/accounts/{text}", null, Code: true) : new FieldView(name, text, null, null);
            case Enum e:
                return new FieldView(name, field.EnumType.FindValueByNumber(Convert.ToInt32(e, CultureInfo.InvariantCulture))?.Name ?? e.ToString(), null, null);
            case long ms when field.Name.EndsWith("_unix_ms", StringComparison.Ordinal):
                return new FieldView(name, $"{Pages.Shared.Format.Time(ms)} ({ms.ToString(CultureInfo.InvariantCulture)})", null, null);
            case bool b:
                return new FieldView(name, b ? "true" : "false", null, null);
            case IFormattable f:
                return new FieldView(name, f.ToString(null, CultureInfo.InvariantCulture), null, null);
            default:
                return new FieldView(name, value.ToString(), null, null);
        }
    }

    private static FieldView Bytes(string field, string name, ByteString bytes)
    {
        if (bytes.Length == Address.Size)
        {
            var address = new Address(bytes.Span).ToString();
            return new FieldView(name, address, $"/accounts/{address}", null, Code: true);
        }
        var hex = Convert.ToHexStringLower(bytes.Span[..Math.Min(bytes.Length, MaxBytesShown)]);
        if (bytes.Length > MaxBytesShown) return new FieldView(name, $"{hex}… ({bytes.Length} bytes)", null, null, Code: true);
        string? href = bytes.Length == 32 && field.Contains("tx_hash", StringComparison.Ordinal) ? $"/txs/{hex}"
            : bytes.Length == 32 && field is "block_hash" or "parent_hash" ? $"/blocks/{hex}" : null;
        return new FieldView(name, hex, href, null, Code: true);
    }

    /// <summary>The page of the object an id field names, by the field's name; null for other numbers.</summary>
    public static string? LinkOf(string field, ulong id)
    {
        if (id == 0) return null;
        string? kind = field switch
        {
            "certificate_id" or "certificate_ids" or "supersedes" or "superseded_by" or "certificate" => "certificates",
            "entity_id" or "subject" or "entity" => "entities",
            "lot_id" or "lot_ids" or "microshare_lot_id" or "lot" => "lots",
            "record_id" or "inputs" or "corrects" or "record" or "provenance" => "records",
            "class_id" or "class" or "microshare" => "classes",
            _ => null,
        };
        return kind is null ? null : $"/{kind}/{id.ToString(CultureInfo.InvariantCulture)}";
    }
}
