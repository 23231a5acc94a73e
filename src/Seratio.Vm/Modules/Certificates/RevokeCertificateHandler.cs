using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Governance;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// <see cref="MsgRevokeCertificate"/>: the certificate's issuer or the authority revokes it, with a
/// reason. Revocation is final and wins over every other status; a superseded or expired certificate
/// may still be revoked (e.g. fraud found later). Refusals: NOT_FOUND (unknown id), UNAUTHORIZED
/// (neither issuer nor authority), ALREADY_EXISTS (already revoked). Gas <see cref="GasCost"/>.
/// Emits <see cref="EventType"/> {id, subject, issuer, by, reason}: modules resting on certificates
/// (microshares) follow revocations through it. Stateless; thread safe.
/// </summary>
public sealed class RevokeCertificateHandler : IMsgHandler
{
    public const ulong GasCost = 10_000;
    public const string EventType = "certificate_revoked";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.RevokeCertificate;
    public string Name => "revoke-certificate";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.RevokeCertificate);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var revoke = msg.RevokeCertificate;
        var check = Validate(revoke);
        if (!check.IsOk) return check;
        var certificate = Certificates.Get(context.State, revoke.Id);
        if (certificate is null)
            return MsgResult.Fail(ResultCode.NotFound, $"certificate {revoke.Id} does not exist; check the id (GetCertificate)");
        bool isIssuer = certificate.Issuer.Span.SequenceEqual(context.Sender.ToArray());
        if (!isIssuer && !Authority.Is(context.State, context.Sender))
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} is neither the issuer of certificate {revoke.Id} nor the authority; one of them must revoke it");
        if (certificate.Revoked)
            return MsgResult.Fail(ResultCode.AlreadyExists,
                $"certificate {revoke.Id} was already revoked at height {certificate.RevokedHeight}: {Fields.Printable(certificate.RevocationReason)}");

        certificate.Revoked = true;
        certificate.RevokedBy = context.Sender.ToByteString();
        certificate.RevocationReason = revoke.Reason;
        certificate.RevokedHeight = context.Block.Height;
        certificate.RevokedAtUnixMs = context.Block.TimeUnixMs;
        Certificates.Put(context.State, certificate);

        var ev = new Event { Type = EventType };
        CertificateIssuance.Add(ev, "id", CertificateIssuance.Num(certificate.Id));
        CertificateIssuance.Add(ev, "subject", CertificateIssuance.Num(certificate.Subject));
        CertificateIssuance.Add(ev, "issuer", context.Addresses.Of(new Core.Addressing.Address(certificate.Issuer.Span)));
        CertificateIssuance.Add(ev, "by", context.Addresses.Of(context.Sender));
        CertificateIssuance.Add(ev, "reason", revoke.Reason);
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgRevokeCertificate? revoke)
    {
        if (revoke is null) return Fields.Invalid("revoke-certificate message is empty");
        var check = CertificateRules.Id(revoke.Id, "id");
        return check.IsOk ? CertificateRules.Reason(revoke.Reason) : check;
    }
}
