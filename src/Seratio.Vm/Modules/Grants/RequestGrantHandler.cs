using System.Text;
using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// <see cref="MsgRequestGrant"/>: opens grant request id = last id + 1 asking the treasury for <c>amount</c> SER for the
/// beneficiary, open until created + grant_lifetime; it passes by conviction (docs/modules/grants.md). Refusals:
/// INVALID_MSG (title 1..max_title_bytes, metadata_uri ≤ max_uri_bytes, metadata_hash empty or 32 bytes, beneficiary,
/// amount &gt; 0), GRANT_TOO_LARGE (amount ≥ grant_max_ratio_bps of the treasury now: it could never pass),
/// LIMIT_EXCEEDED (max_open_grants open). Permission <see cref="Permission.AnySigner"/>; gas <see cref="GasCost"/>;
/// emits "grant.request". Stateless; thread safe.
/// </summary>
public sealed class RequestGrantHandler : IMsgHandler
{
    public const ulong GasCost = 30_000;

    /// <summary>The most title or URI bytes any parameters allow; the parameters' own limits are checked against state.</summary>
    public const int MaxTextBytes = 4096;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.RequestGrant;
    public string Name => "request-grant";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p)
    {
        var request = msg.RequestGrant;
        var check = Fields.RequireText(request.Title, "title", 1, MaxTextBytes);
        if (!check.IsOk) return check;
        check = Fields.RequireText(request.MetadataUri, "metadata_uri", 0, MaxTextBytes);
        if (!check.IsOk) return check;
        if (request.MetadataHash.Length is not (0 or 32))
            return Fields.Invalid($"metadata_hash must be empty or 32 bytes (SHA-256 of the document), got {request.MetadataHash.Length} bytes");
        check = Fields.RequireAddress(request.Beneficiary, "beneficiary", out _);
        return check.IsOk ? Fields.RequirePositiveAmount(request.Amount, "amount", out _) : check;
    }

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var request = msg.RequestGrant;
        var view = context.State;
        var reader = Grants.Read(view);
        var p = Daf.Daf.Params(reader);
        int titleBytes = Encoding.UTF8.GetByteCount(request.Title);
        if (titleBytes > p.MaxTitleBytes) return Fields.Invalid($"title is {titleBytes} UTF-8 bytes; the DAF's max_title_bytes is {p.MaxTitleBytes}");
        int uriBytes = Encoding.UTF8.GetByteCount(request.MetadataUri);
        if (uriBytes > p.MaxUriBytes) return Fields.Invalid($"metadata_uri is {uriBytes} UTF-8 bytes; the DAF's max_uri_bytes is {p.MaxUriBytes}");
        var amount = Amount.Parse(request.Amount);
        var treasury = Funds.Balance(view, Ser.Symbol, Daf.Daf.Address);
        if (!GrantThreshold.CanPass(amount, treasury, p))
            return MsgResult.Fail(ResultCode.GrantTooLarge,
                $"the grant asks for {amount} SER base units, at least grant_max_ratio_bps {p.GrantMaxRatioBps} of the treasury's {treasury}: it could never pass; ask for less than {MaxRequest(treasury, p)}");
        uint open = Grants.OpenGrants(reader);
        if (open >= p.MaxOpenGrants)
            return MsgResult.Fail(ResultCode.LimitExceeded, $"{open} grant requests are open, the most max_open_grants allows; wait until one is paid, withdrawn or expires");
        ulong height = context.Block.Height;
        ulong id = checked(Grants.LastGrantId(reader) + 1);
        var grant = new GrantState
        {
            Id = id,
            Requester = context.Sender.ToByteString(),
            Beneficiary = request.Beneficiary,
            Amount = amount.ToString(),
            Title = request.Title,
            MetadataUri = request.MetadataUri,
            MetadataHash = request.MetadataHash,
            Status = GrantStatus.Open,
            Staked = "0",
            Conviction = "0",
            LastHeight = height,
            CreatedHeight = height,
            ExpireHeight = checked(height + p.GrantLifetime),
        };
        // Nothing is staked yet, so it cannot pass before someone stakes (which schedules a check): its one check is expiry.
        GrantSchedule.Open(view, grant);
        Grants.PutGrant(view, grant);
        Grants.SetLastGrantId(view, id);
        Grants.SetOpenGrants(view, open + 1);
        context.Events.Add(GrantEvents.Request(grant, context.Addresses));
        return MsgResult.Ok;
    }

    /// <summary>The smallest amount that is too large: ⌈β_bps·R / 10⁴⌉.</summary>
    private static string MaxRequest(Amount treasury, DafParams p) =>
        ((p.GrantMaxRatioBps * (System.Numerics.BigInteger)treasury.Value + 9_999) / 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
