using System.Globalization;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Tx;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Cli.Query;

/// <summary>Prints a committed transaction: body fields, messages and receipt.</summary>
internal static class TxView
{
    public static void Print(Printer printer, Hash32 hash, TxResponse t)
    {
        TxBody? body = null;
        try { body = TxBody.Parser.ParseFrom(Protocol.Tx.Parser.ParseFrom(t.Tx).Body); }
        catch (InvalidProtocolBufferException) { }
        printer.Result(
            new
            {
                tx_hash = hash.ToString(),
                block_hash = Display.Hex(t.BlockHash),
                chain_id = body?.ChainId,
                sender = body is null ? null : Display.Address(body.Sender),
                nonce = body?.Nonce,
                gas_limit = body?.GasLimit,
                gas_price = body?.GasPrice,
                expiry_height = body?.ExpiryHeight,
                msgs = body?.Msgs.Select(MsgJson).ToList(),
                receipt = t.Receipt is null ? null : TxPrinter.ReceiptJson(t.Receipt),
            },
            () =>
            {
                var fields = new List<(string, string)> { ("tx", hash.ToString()), ("block", Display.HexText(t.BlockHash)) };
                if (body is null) fields.Add(("body", "(does not decode)"));
                else
                {
                    fields.Add(("sender", Display.Address(body.Sender)));
                    fields.Add(("nonce", body.Nonce.ToString(CultureInfo.InvariantCulture)));
                    fields.Add(("gas", $"limit {body.GasLimit}, price {body.GasPrice}"));
                    fields.Add(("expires", body.ExpiryHeight == 0 ? "never" : "after height " + body.ExpiryHeight.ToString(CultureInfo.InvariantCulture)));
                    foreach (var m in body.Msgs) fields.Add(("msg", MsgText(m)));
                }
                if (t.Receipt is { } r) fields.AddRange(TxPrinter.ReceiptFields(r));
                return Printer.Fields([.. fields]);
            });
    }

    private static object MsgJson(Msg m) => m.KindCase switch
    {
        Msg.KindOneofCase.Transfer => new { type = "transfer", to = (string?)Display.Address(m.Transfer.To), denom = (string?)m.Transfer.Denom, amount = (string?)m.Transfer.Amount, memo = (string?)m.Transfer.Memo },
        _ => new { type = m.KindCase.ToString(), to = (string?)null, denom = (string?)null, amount = (string?)null, memo = (string?)null },
    };

    private static string MsgText(Msg m) => m.KindCase switch
    {
        // Display.Ser already names SER; any other denom is shown as raw units and its name.
        Msg.KindOneofCase.Transfer => $"transfer {(m.Transfer.Denom == Core.Numerics.Ser.Symbol ? Display.Ser(m.Transfer.Amount) : $"{m.Transfer.Amount} {m.Transfer.Denom}")} to {Display.Address(m.Transfer.To)}"
            + (m.Transfer.Memo.Length > 0 ? $" memo \"{m.Transfer.Memo}\"" : ""),
        _ => m.KindCase.ToString(),
    };
}
