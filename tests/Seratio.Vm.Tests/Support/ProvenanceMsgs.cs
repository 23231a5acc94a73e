using Google.Protobuf;
using Seratio.Protocol;

namespace Seratio.Vm.Tests.Support;

/// <summary>Provenance messages for tests: an object event about <c>items</c> with the given inputs.</summary>
public static class ProvenanceMsgs
{
    public static MsgAppendProvenance Record(ulong entity, string[] items, params ulong[] inputs)
    {
        var append = new MsgAppendProvenance
        {
            EntityId = entity,
            EventKind = ProvenanceEventKind.Object,
            Location = "urn:epc:id:sgln:0614141.00777.0",
            EventTimeMs = 1_690_000_000_000,
            BusinessStep = "shipping",
            Disposition = "in_transit",
        };
        append.Items.Add(items);
        append.Inputs.Add(inputs);
        return append;
    }

    public static Msg Append(ulong entity, string item, params ulong[] inputs) => new() { AppendProvenance = Record(entity, [item], inputs) };

    public static Msg Append(MsgAppendProvenance append) => new() { AppendProvenance = append };

    public static MsgAppendProvenance WithAttributes(this MsgAppendProvenance append, string uri, int hashBytes)
    {
        append.AttributesUri = uri;
        append.AttributesHash = ByteString.CopyFrom(new byte[hashBytes]);
        return append;
    }
}
