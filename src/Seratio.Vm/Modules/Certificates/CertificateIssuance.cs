using System.Globalization;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// The stateful half of issuing a certificate, shared by issue and supersede: the method version is
/// registered, the sender is an issuer for it, the subject entity exists and valid_until is after the
/// block time; then the next id is taken, the ratio computed, the certificate and both index entries
/// written and "certificate_issued" emitted. Every check runs before the first write. Stateless; thread safe.
/// </summary>
internal static class CertificateIssuance
{
    public const string EventType = "certificate_issued";

    /// <summary>Issues <paramref name="issue"/> (already validated statelessly); <paramref name="supersedes"/> 0 = none.</summary>
    public static MsgResult Issue(in MsgContext context, MsgIssueCertificate issue, Amount social, Amount financial, ulong supersedes,
        out CertificateState certificate)
    {
        certificate = null!;
        var state = context.State;
        var check = Checks(context, issue);
        if (!check.IsOk) return check;
        ulong last = Certificates.LastId(state);
        if (last == ulong.MaxValue) return MsgResult.Fail(ResultCode.LimitExceeded, "certificate ids are exhausted");
        ulong id = last + 1;

        certificate = new CertificateState
        {
            Id = id,
            Subject = issue.Subject,
            Issuer = context.Sender.ToByteString(),
            PeriodStartUnixMs = issue.PeriodStartUnixMs,
            PeriodEndUnixMs = issue.PeriodEndUnixMs,
            SocialValue = social.ToString(),
            FinancialValue = financial.ToString(),
            Scale = issue.Scale,
            SocialUnit = issue.SocialUnit,
            Currency = issue.Currency,
            Ratio = SeRatio.ToStored(SeRatio.Compute(social, financial)),
            MethodId = issue.MethodId,
            MethodVersion = issue.MethodVersion,
            EvidenceUri = issue.EvidenceUri,
            EvidenceHash = issue.EvidenceHash,
            ValidUntilUnixMs = issue.ValidUntilUnixMs,
            IssuedHeight = context.Block.Height,
            IssuedAtUnixMs = context.Block.TimeUnixMs,
            Supersedes = supersedes,
        };
        certificate.Labels.Add(issue.Labels);
        Certificates.SetLastId(state, id);
        Certificates.Put(state, certificate);
        CertificateIndex.Append(state, CertificateIndex.Owner.OfSubject(issue.Subject), id);
        CertificateIndex.Append(state, CertificateIndex.Owner.OfIssuer(context.Sender), id);
        context.Events.Add(Event(certificate, context));
        return MsgResult.Ok;
    }

    private static MsgResult Checks(in MsgContext context, MsgIssueCertificate issue)
    {
        var state = context.State;
        if (Methods.Get(state, issue.MethodId, issue.MethodVersion) is null)
        {
            uint latest = Methods.LatestVersion(state, issue.MethodId);
            return MsgResult.Fail(ResultCode.NotFound, latest == 0
                ? $"method '{issue.MethodId}' is not registered; the authority registers it with `seratio cert method-register`"
                : $"method '{issue.MethodId}' has no version {issue.MethodVersion}; its latest version is {latest}");
        }
        if (!Roles.Roles.IsIssuerFor(state, context.Sender, issue.MethodId))
        {
            var methods = Roles.Roles.Read(state, context.Sender).IssuerMethods;
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} may not issue under method '{issue.MethodId}': its issuer role covers only {string.Join(", ", methods)}; " +
                "the authority extends it with `seratio role grant`");
        }
        if (Entities.Entities.Get(state, issue.Subject) is null)
            return MsgResult.Fail(ResultCode.NotFound, $"subject entity {issue.Subject} does not exist; register it first or check the id (GetEntity)");
        if (issue.ValidUntilUnixMs <= context.Block.TimeUnixMs)
            return Fields.Invalid($"valid_until_unix_ms {issue.ValidUntilUnixMs} is not after the block time {context.Block.TimeUnixMs}; a certificate must be valid when issued");
        return MsgResult.Ok;
    }

    private static Event Event(CertificateState c, in MsgContext context)
    {
        var ev = new Event { Type = EventType };
        Add(ev, "id", Num(c.Id));
        Add(ev, "subject", Num(c.Subject));
        Add(ev, "issuer", context.Addresses.Of(context.Sender));
        Add(ev, "method", c.MethodId);
        Add(ev, "method_version", c.MethodVersion.ToString(CultureInfo.InvariantCulture));
        Add(ev, "social_value", c.SocialValue);
        Add(ev, "financial_value", c.FinancialValue);
        Add(ev, "scale", c.Scale.ToString(CultureInfo.InvariantCulture));
        Add(ev, "social_unit", c.SocialUnit);
        Add(ev, "currency", c.Currency);
        Add(ev, "ratio", c.Ratio);
        Add(ev, "evidence_hash", CertificateRules.Hex(c.EvidenceHash));
        Add(ev, "valid_until_unix_ms", c.ValidUntilUnixMs.ToString(CultureInfo.InvariantCulture));
        if (c.Supersedes != 0) Add(ev, "supersedes", Num(c.Supersedes));
        foreach (var label in c.Labels) Add(ev, "label", label);
        return ev;
    }

    internal static void Add(Event ev, string key, string value) => ev.Attributes.Add(new EventAttribute { Key = key, Value = value });

    internal static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
