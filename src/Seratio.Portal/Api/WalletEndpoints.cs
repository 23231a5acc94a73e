using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Seratio.Core.Addressing;
using Seratio.Core.Transactions;
using Seratio.Portal.Hosting;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Api;

/// <summary>
/// The /api endpoints of the wallet page: an account's state (nonce, SER, the altcoins and microshare classes asked
/// for), relaying signed transaction bytes to the node unchanged, a transaction's receipt. Keys never reach this
/// server: it sees public addresses and signed bytes only. Each has its limits (docs/portal.md, "The browser wallet").
/// Stateless; thread safe.
/// </summary>
internal static class WalletEndpoints
{
    /// <summary>The largest body <c>POST /api/wallet/submit</c> reads: the largest transaction any node accepts.</summary>
    public const int MaxSubmitBytes = TxDecoder.MaxTxBytes;

    /// <summary>Most altcoin symbols, and most microshare classes, one account request may ask balances of.</summary>
    public const int MaxListed = 8;

    public const string TxContentType = "application/octet-stream";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wallet/accounts/{address}", Account);
        app.MapPost("/api/wallet/submit", Submit);
        app.MapGet("/api/wallet/txs/{hash}", Receipt);
    }

    private static async Task<IResult> Account(string address, HttpContext http, PortalNode node, CancellationToken ct)
    {
        if (!Address.TryParse(address, out var parsed, out var error)) return Problem(400, "InvalidArgument", error);
        var symbols = ListOf(http.Request.Query["assets"], "assets", out var listError);
        if (listError is not null) return Problem(400, "InvalidArgument", listError);
        var classTexts = ListOf(http.Request.Query["classes"], "classes", out listError);
        if (listError is not null) return Problem(400, "InvalidArgument", listError);
        foreach (var s in symbols)
            if (s.Length > 16 || !s.All(char.IsAsciiLetterOrDigit)) return Problem(400, "InvalidArgument", $"assets: '{Clip(s)}' is not an altcoin symbol (letters and digits, at most 16)");
        var classes = new List<ulong>();
        foreach (var c in classTexts)
        {
            if (!ulong.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
                return Problem(400, "InvalidArgument", $"classes: '{Clip(c)}' is not a microshare class id (a whole number from 1)");
            classes.Add(id);
        }

        var text = parsed.ToString();
        try
        {
            var status = await node.Api.GetStatusAsync(new GetStatusRequest(), node.Call(ct));
            var account = await node.Api.GetAccountAsync(new GetAccountRequest { Address = text }, node.Call(ct));
            var assets = new List<object>();
            foreach (var symbol in symbols)
            {
                try
                {
                    var b = await node.Api.GetAssetBalanceAsync(new GetAssetBalanceRequest { Symbol = symbol, Address = text }, node.Call(ct));
                    assets.Add(new { symbol = b.Symbol, balance = b.Balance });
                }
                catch (RpcException rpc) when (rpc.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
                {
                    assets.Add(new { symbol, error = rpc.Status.Detail });
                }
            }
            var microshares = new List<object>();
            foreach (var id in classes)
            {
                try
                {
                    var t = await node.Api.GetMicroshareTotalsAsync(new GetMicroshareTotalsRequest { ClassId = id, Holder = text }, node.Call(ct));
                    UInt128 units = 0, frozen = 0;
                    foreach (var a in t.Totals)
                    {
                        units += UInt128.Parse(a.Units, CultureInfo.InvariantCulture);
                        frozen += a.FrozenUnits.Length == 0 ? 0 : UInt128.Parse(a.FrozenUnits, CultureInfo.InvariantCulture);
                    }
                    microshares.Add(new
                    {
                        class_id = id,
                        units = units.ToString(CultureInfo.InvariantCulture),
                        frozen_units = frozen.ToString(CultureInfo.InvariantCulture),
                        by_origin = t.Totals.Select(a => new { origin_asset = a.OriginAsset, units = a.Units }).ToList(),
                    });
                }
                catch (RpcException rpc) when (rpc.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
                {
                    microshares.Add(new { class_id = id, error = rpc.Status.Detail });
                }
            }
            return Results.Json(new
            {
                address = text,
                chain_id = status.ChainId,
                height = account.Height,
                nonce = account.Nonce,
                balance = account.Balance,
                assets,
                microshares,
            });
        }
        catch (RpcException rpc)
        {
            return Refused(rpc);
        }
    }

    private static async Task<IResult> Submit(HttpContext http, PortalNode node, CancellationToken ct)
    {
        var request = http.Request;
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), TxContentType, StringComparison.OrdinalIgnoreCase))
            return Problem(415, "InvalidArgument", $"send the encoded seratio.v1.Tx as the body with Content-Type: {TxContentType}");
        if (request.ContentLength > MaxSubmitBytes)
            return Problem(413, "InvalidArgument", $"the body is {request.ContentLength} bytes; a transaction is at most {MaxSubmitBytes}");
        var bytes = await ReadBounded(request.Body, MaxSubmitBytes, ct);
        if (bytes is null) return Problem(413, "InvalidArgument", $"the body is more than {MaxSubmitBytes} bytes; a transaction is at most {MaxSubmitBytes}");
        if (bytes.Length == 0) return Problem(400, "InvalidArgument", "the body is empty; send the encoded seratio.v1.Tx (body and signatures)");
        var format = TxDecoder.TryDecodeAnyChain(bytes, MaxSubmitBytes, out _, out var reason);
        if (format != TxFormatError.None) return Problem(400, "InvalidArgument", reason, format.ToString());
        try
        {
            var response = await node.Api.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(bytes), Mode = SubmitMode.Admit }, node.Call(ct));
            return Results.Json(new { tx_hash = Convert.ToHexStringLower(response.TxHash.Span) });
        }
        catch (RpcException rpc)
        {
            return Refused(rpc);
        }
    }

    /// <summary>
    /// A committed transaction's receipt. An unknown hash is 404, or with <c>?poll=true</c> (the wallet waiting for its
    /// own transaction) 202 <c>{"status":"pending"}</c>, so that a page polling for its block logs no failed request.
    /// </summary>
    private static async Task<IResult> Receipt(string hash, HttpContext http, PortalNode node, CancellationToken ct)
    {
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
            return Problem(400, "InvalidArgument", $"'{Clip(hash)}' is not a transaction hash (64 hex digits)");
        try
        {
            var tx = await node.Api.GetTxAsync(new GetTxRequest { Hash = ByteString.CopyFrom(Convert.FromHexString(hash)) }, node.Call(ct));
            var r = tx.Receipt;
            return Results.Json(new
            {
                tx_hash = Convert.ToHexStringLower(r.TxHash.Span),
                height = r.Height,
                index = r.Index,
                code = CodeName(r.Code),
                log = r.Log,
                gas_used = r.GasUsed,
                fee = r.Fee,
                events = r.Events.Select(e => new { type = e.Type, attributes = e.Attributes.Select(a => new { key = a.Key, value = a.Value }).ToList() }).ToList(),
            });
        }
        catch (RpcException rpc) when (rpc.StatusCode == StatusCode.NotFound && http.Request.Query["poll"] == "true")
        {
            return Results.Json(new { status = "pending", message = rpc.Status.Detail }, statusCode: StatusCodes.Status202Accepted);
        }
        catch (RpcException rpc)
        {
            return Refused(rpc);
        }
    }

    private static readonly Google.Protobuf.Reflection.EnumDescriptor ResultCodes = TypesReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(ResultCode));

    /// <summary>A receipt's code as the CLI prints it: the proto name without its RESULT_CODE_ prefix (e.g. INSUFFICIENT_FUNDS).</summary>
    internal static string CodeName(ResultCode code) =>
        ResultCodes.FindValueByNumber((int)code)?.Name.Replace("RESULT_CODE_", "", StringComparison.Ordinal)
        ?? ((int)code).ToString(CultureInfo.InvariantCulture);

    /// <summary>The node's refusal as it is: its gRPC code, its named outcome (the seratio-outcome trailer) and message.</summary>
    private static IResult Refused(RpcException rpc)
    {
        int status = rpc.StatusCode == StatusCode.AlreadyExists ? StatusCodes.Status409Conflict : NodeErrors.Describe(rpc).Status;
        var outcome = rpc.Trailers.GetValue("seratio-outcome");
        return Problem(status, rpc.StatusCode.ToString(), rpc.Status.Detail, outcome);
    }

    private static IResult Problem(int status, string code, string message, string? outcome = null) =>
        Results.Json(new { code, outcome, message }, statusCode: status);

    /// <summary>The body when it is at most <paramref name="limit"/> bytes, else null (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadBounded(Stream body, int limit, CancellationToken ct)
    {
        var buffer = new byte[limit + 1];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await body.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return read > limit ? null : buffer[..read];
    }

    private static List<string> ListOf(Microsoft.Extensions.Primitives.StringValues values, string name, out string? error)
    {
        error = null;
        var items = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        if (items.Count > MaxListed) error = $"{name}: {items.Count} given, at most {MaxListed}";
        return items;
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
