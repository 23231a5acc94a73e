using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Core.Addressing;
using Seratio.Portal.Explorer;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Explorer;

/// <summary>/txs/{hash}: a committed transaction: its body, each message decoded field by field, its receipt and events.</summary>
public sealed class TxModel(PortalNode node) : PageModel
{
    public string Hash { get; private set; } = "";
    public TxResponse Found { get; private set; } = new();
    public Tx Envelope { get; private set; } = new();
    public TxBody Body { get; private set; } = new();
    public IReadOnlyList<(string Kind, IReadOnlyList<FieldView> Fields)> Messages { get; private set; } = [];
    public string? Undecodable { get; private set; }

    public async Task<IActionResult> OnGetAsync(string hash, CancellationToken ct)
    {
        if (hash.Length > ChainIds.MaxInputChars || !ChainIds.IsHash(hash, out var bytes))
            return Refusal.BadInput(this, "a transaction is named by its hash: 64 hex digits");
        Hash = Convert.ToHexStringLower(bytes);
        Found = await node.Api.GetTxAsync(new GetTxRequest { Hash = ByteString.CopyFrom(bytes) }, node.Call(ct));
        try
        {
            Envelope = Tx.Parser.ParseFrom(Found.Tx);
            Body = TxBody.Parser.ParseFrom(Envelope.Body);
            Messages = Body.Msgs.Select(m => MessageFields.Of(m)).ToList();
        }
        catch (InvalidProtocolBufferException e)
        {
            Undecodable = e.Message;
        }
        return Page();
    }

    /// <summary>The page an event attribute's value names (an address, or an id by the attribute's key), or null.</summary>
    public static string? LinkOf(Event e, EventAttribute attribute)
    {
        if (Address.TryParse(attribute.Value, out _, out _)) return $"/accounts/{attribute.Value}";
        if (ulong.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            // "id" names the object the event is about: certificate_issued's id is a certificate.
            return MessageFields.LinkOf(attribute.Key == "id" ? e.Type.Split('_')[0] : attribute.Key, id);
        if (attribute.Value.Length == 64 && attribute.Key.Contains("tx", StringComparison.Ordinal) && ChainIds.IsHash(attribute.Value, out _)) return $"/txs/{attribute.Value}";
        return null;
    }
}
