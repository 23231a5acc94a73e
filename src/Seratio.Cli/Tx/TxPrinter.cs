using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Tx;

/// <summary>Receipts as the CLI prints them (JSON and text fields); <see cref="Modules.MsgSender"/> prints submitted transactions with them. Stateless.</summary>
internal static class TxPrinter
{
    public static object ReceiptJson(Receipt r) => new
    {
        code = CodeName(r.Code),
        log = r.Log,
        height = r.Height,
        index = r.Index,
        gas_used = r.GasUsed,
        fee = r.Fee,
        events = r.Events.Select(e => new { type = e.Type, attributes = e.Attributes.Select(a => new { key = a.Key, value = a.Value }).ToList() }).ToList(),
    };

    public static (string, string)[] ReceiptFields(Receipt r)
    {
        var fields = new List<(string, string)>
        {
            ("code", CodeName(r.Code)),
            ("height", r.Height.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("index", r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("gas used", r.GasUsed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("fee", Display.Ser(r.Fee.Length == 0 ? "0" : r.Fee)),
        };
        if (r.Log.Length > 0) fields.Add(("log", r.Log));
        foreach (var e in r.Events)
            fields.Add(("event", e.Type + " " + string.Join(" ", e.Attributes.Select(a => $"{a.Key}={a.Value}"))));
        return [.. fields];
    }

    /// <summary>"OK", "INSUFFICIENT_FUNDS", ...: the proto enum name without its prefix.</summary>
    public static string CodeName(ResultCode code) => code switch
    {
        ResultCode.Ok => "OK",
        ResultCode.InsufficientFunds => "INSUFFICIENT_FUNDS",
        ResultCode.OutOfGas => "OUT_OF_GAS",
        ResultCode.InvalidMsg => "INVALID_MSG",
        ResultCode.Unauthorized => "UNAUTHORIZED",
        ResultCode.NotFound => "NOT_FOUND",
        ResultCode.AlreadyExists => "ALREADY_EXISTS",
        ResultCode.LimitExceeded => "LIMIT_EXCEEDED",
        ResultCode.Frozen => "FROZEN",
        // The rest (the exchange's MARKET_HALTED, OFF_TICK, ...) by their proto names.
        _ => ProtoNames.Of(code) is { } name && name.StartsWith("RESULT_CODE_", StringComparison.Ordinal)
            ? name["RESULT_CODE_".Length..]
            : $"CODE_{(int)code}",
    };
}

/// <summary>The proto name of a generated enum value ("RESULT_CODE_OFF_TICK"), or null. Pure.</summary>
internal static class ProtoNames
{
    public static string? Of<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) && typeof(T).GetField(value.ToString()) is { } field
            ? System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Google.Protobuf.Reflection.OriginalNameAttribute>(field)?.Name
            : null;
}
