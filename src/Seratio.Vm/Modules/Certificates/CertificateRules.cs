using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Roles;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>Stateless rules of certificate fields, shared by the certificate handlers. Pure; thread safe.</summary>
internal static class CertificateRules
{
    public const int MaxScale = 18;
    public const int MaxUnitLength = 16;
    public const int MaxEvidenceUriBytes = 512;
    public const int MaxLabels = 16;
    public const int MaxLabelLength = 64;
    public const int MaxReasonBytes = 256;
    public const int MaxDescriptionBytes = 1024;
    public const int MaxDocumentUriBytes = 512;

    /// <summary>Every field of an issue message that needs no state; the values parsed on success.</summary>
    public static MsgResult Issue(MsgIssueCertificate? issue, out Amount social, out Amount financial)
    {
        social = financial = Amount.Zero;
        if (issue is null) return Fields.Invalid("the certificate to issue is empty");
        if (issue.Subject == 0) return Fields.Invalid("subject is required: the id of a registered entity (entity ids start at 1)");
        if (issue.PeriodStartUnixMs >= issue.PeriodEndUnixMs)
            return Fields.Invalid($"the reporting period must end after it starts: period_start_unix_ms {issue.PeriodStartUnixMs} is not before period_end_unix_ms {issue.PeriodEndUnixMs}");
        var check = Fields.RequireAmount(issue.SocialValue, "social_value", out social);
        if (!check.IsOk) return check;
        check = Fields.RequireAmount(issue.FinancialValue, "financial_value", out financial);
        if (!check.IsOk) return check;
        if (financial.IsZero)
            return Fields.Invalid("financial_value is 0: the S/E ratio (social / financial) is undefined; state a financial value of at least 1 unit");
        if (issue.Scale > MaxScale) return Fields.Invalid($"scale {issue.Scale} is above {MaxScale}; values are integers of 10^-scale units");
        check = Unit(issue.SocialUnit, "social_unit");
        if (!check.IsOk) return check;
        check = Unit(issue.Currency, "currency");
        if (!check.IsOk) return check;
        check = MethodRef(issue.MethodId, issue.MethodVersion);
        if (!check.IsOk) return check;
        check = Fields.RequireText(issue.EvidenceUri, "evidence_uri", 1, MaxEvidenceUriBytes);
        if (!check.IsOk) return check;
        if (issue.EvidenceHash.Length != Hash32.Size)
            return Fields.Invalid($"evidence_hash must be the {Hash32.Size}-byte SHA-256 of the evidence at evidence_uri, got {issue.EvidenceHash.Length} bytes");
        return Labels(issue.Labels);
    }

    /// <summary>A unit or currency code: 1-16 of [A-Z0-9._-].</summary>
    public static MsgResult Unit(string unit, string field)
    {
        if (unit.Length is 0 or > MaxUnitLength)
            return Fields.Invalid($"{field} '{Fields.Printable(unit)}' must be 1-{MaxUnitLength} characters, e.g. GBP");
        foreach (char c in unit)
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
                return Fields.Invalid($"{field} '{Fields.Printable(unit)}' contains '{c}'; use upper-case letters, digits and . _ -");
        return MsgResult.Ok;
    }

    /// <summary>A method id (as issuer-role method names) and a version of at least 1.</summary>
    public static MsgResult MethodRef(string id, uint version)
    {
        var check = RoleRules.Method(id);
        if (!check.IsOk) return check;
        return version == 0 ? Fields.Invalid("method_version is required: method versions start at 1") : MsgResult.Ok;
    }

    /// <summary>At most 16 distinct labels, each 1-64 of [A-Za-z0-9._:/-].</summary>
    public static MsgResult Labels(IReadOnlyList<string> labels)
    {
        if (labels.Count > MaxLabels) return Fields.Invalid($"{labels.Count} labels given; at most {MaxLabels}");
        for (int i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (label.Length is 0 or > MaxLabelLength)
                return Fields.Invalid($"labels[{i}] '{Fields.Printable(label)}' must be 1-{MaxLabelLength} characters");
            foreach (char c in label)
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-'))
                    return Fields.Invalid($"labels[{i}] '{Fields.Printable(label)}' contains '{c}'; use letters, digits and . _ : / -");
            for (int j = 0; j < i; j++)
                if (labels[j] == label) return Fields.Invalid($"labels[{i}] '{label}' is listed twice");
        }
        return MsgResult.Ok;
    }

    public static MsgResult Id(ulong id, string field) =>
        id == 0 ? Fields.Invalid($"{field} is required: certificate ids start at 1") : MsgResult.Ok;

    public static MsgResult Reason(string reason) => Fields.RequireText(reason, "reason", 1, MaxReasonBytes);

    /// <summary>The fields of a method registration.</summary>
    public static MsgResult Method(MsgRegisterMethod? register)
    {
        if (register is null) return Fields.Invalid("register-method message is empty");
        var check = RoleRules.Method(register.Id);
        if (!check.IsOk) return check;
        if (register.Version == 0) return Fields.Invalid("version is required: method versions start at 1");
        check = Fields.RequireText(register.Description, "description", 1, MaxDescriptionBytes);
        if (!check.IsOk) return check;
        check = Fields.RequireText(register.DocumentUri, "document_uri", 0, MaxDocumentUriBytes);
        if (!check.IsOk) return check;
        return register.DocumentHash.Length == Hash32.Size
            ? MsgResult.Ok
            : Fields.Invalid($"document_hash must be the {Hash32.Size}-byte SHA-256 of the method's document, got {register.DocumentHash.Length} bytes");
    }

    /// <summary>Hex of a hash for events.</summary>
    public static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
