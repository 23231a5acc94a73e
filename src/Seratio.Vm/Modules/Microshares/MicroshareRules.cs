using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>Stateless rules of microshare message fields (mempool admission and execution). Pure; thread safe.</summary>
internal static class MicroshareRules
{
    public const int MaxNameBytes = 64;
    public const int MaxCertificates = 16;
    public const int MaxNamedLots = 32;
    public const int MaxMemoBytes = 256;

    public static MsgResult Create(MsgCreateMicroshareClass? create)
    {
        if (create is null) return Fields.Invalid("create-microshare-class message is empty");
        var check = Fields.RequireText(create.Name, "name", 1, MaxNameBytes);
        if (!check.IsOk) return check;
        if (AssetSymbol.Problem(create.Symbol) is { } problem) return Fields.Invalid(problem);
        if (create.CertificateIds.Count == 0)
            return Fields.Invalid("certificate_ids is empty: a class carries the values of at least one certificate");
        if (create.CertificateIds.Count > MaxCertificates)
            return Fields.Invalid($"{create.CertificateIds.Count} certificates given; a class names at most {MaxCertificates}");
        for (int i = 0; i < create.CertificateIds.Count; i++)
        {
            if (create.CertificateIds[i] == 0) return Fields.Invalid($"certificate_ids[{i}] is 0; certificate ids start at 1");
            for (int j = 0; j < i; j++)
                if (create.CertificateIds[j] == create.CertificateIds[i])
                    return Fields.Invalid($"certificate_ids[{i}] {create.CertificateIds[i]} is listed twice");
        }
        return Rule(create.Rule);
    }

    public static MsgResult Rule(MintRule? rule)
    {
        if (rule is null || rule.Kind == MintRuleKind.Unspecified)
            return Fields.Invalid("rule.kind is required: FIXED (units per base unit of backing) or SE_RATIO (proportional to the certificate's S/E ratio)");
        if (rule.Kind is not (MintRuleKind.Fixed or MintRuleKind.SeRatio))
            return Fields.Invalid($"rule.kind {(int)rule.Kind} is unknown; use 1 (FIXED) or 2 (SE_RATIO)");
        if (rule.Numerator == 0) return Fields.Invalid("rule.numerator is 0; it must be at least 1");
        if (rule.Denominator == 0) return Fields.Invalid("rule.denominator is 0; it must be at least 1");
        return MsgResult.Ok;
    }

    public static MsgResult Mint(MsgMintMicroshares? mint, out Amount amount)
    {
        amount = Amount.Zero;
        if (mint is null) return Fields.Invalid("mint-microshares message is empty");
        var check = ClassId(mint.ClassId);
        if (!check.IsOk) return check;
        if (mint.CertificateId == 0) return Fields.Invalid("certificate_id is required: one of the certificates the class names");
        check = OriginAsset(mint.OriginAsset);
        return check.IsOk ? Fields.RequirePositiveAmount(mint.OriginAmount, "origin_amount", out amount) : check;
    }

    public static MsgResult OriginAsset(string asset)
    {
        if (asset == Ser.Symbol) return MsgResult.Ok;
        return AssetSymbol.Problem(asset) is { } problem ? Fields.Invalid("origin_asset: " + problem) : MsgResult.Ok;
    }

    public static MsgResult ClassId(ulong id) => id == 0 ? Fields.Invalid("class_id is required: microshare class ids start at 1") : MsgResult.Ok;

    /// <summary>Units (≥ 1) and named lots (≤ 32, distinct, ≥ 1) of a send, burn or redeem.</summary>
    public static MsgResult Spend(ulong classId, string units, IReadOnlyList<ulong> lots, out Amount amount)
    {
        amount = Amount.Zero;
        var check = ClassId(classId);
        if (!check.IsOk) return check;
        check = Fields.RequirePositiveAmount(units, "units", out amount);
        if (!check.IsOk) return check;
        if (lots.Count > MaxNamedLots) return Fields.Invalid($"{lots.Count} lots named; name at most {MaxNamedLots}, or none to spend oldest first");
        for (int i = 0; i < lots.Count; i++)
        {
            if (lots[i] == 0) return Fields.Invalid($"lot_ids[{i}] is 0; lot ids start at 1");
            for (int j = 0; j < i; j++)
                if (lots[j] == lots[i]) return Fields.Invalid($"lot_ids[{i}] {lots[i]} is listed twice");
        }
        return MsgResult.Ok;
    }
}
