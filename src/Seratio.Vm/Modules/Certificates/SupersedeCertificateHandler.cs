using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// <see cref="MsgSupersedeCertificate"/>: the issuer of a certificate issues its replacement (same
/// subject; any registered method the issuer may use) and links both: the new certificate's
/// <c>supersedes</c> names the old, the old one's <c>superseded_by</c> names the new, and the old
/// one's status becomes SUPERSEDED. Refusals: NOT_FOUND (old id), UNAUTHORIZED (not its issuer),
/// INVALID_MSG (another subject, the old one is revoked), ALREADY_EXISTS (already superseded), and
/// every refusal of issuing. Gas <see cref="GasCost"/>. Emits "certificate_issued" (with supersedes)
/// and <see cref="EventType"/> {id, superseded_by, subject, issuer}. Stateless; thread safe.
/// </summary>
public sealed class SupersedeCertificateHandler : IMsgHandler
{
    public const ulong GasCost = 40_000;
    public const string EventType = "certificate_superseded";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SupersedeCertificate;
    public string Name => "supersede-certificate";
    public Permission Permission => Permission.Issuer;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.SupersedeCertificate, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var supersede = msg.SupersedeCertificate;
        var check = Validate(supersede, out var social, out var financial);
        if (!check.IsOk) return check;
        var old = Certificates.Get(context.State, supersede.OldId);
        if (old is null)
            return MsgResult.Fail(ResultCode.NotFound, $"certificate {supersede.OldId} does not exist; check old_id (GetCertificate)");
        if (!old.Issuer.Span.SequenceEqual(context.Sender.ToArray()))
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} did not issue certificate {old.Id}; only its issuer may supersede it");
        if (old.Revoked)
            return Fields.Invalid($"certificate {old.Id} is revoked and cannot be superseded; issue a new certificate instead");
        if (old.SupersededBy != 0)
            return MsgResult.Fail(ResultCode.AlreadyExists,
                $"certificate {old.Id} is already superseded by certificate {old.SupersededBy}; supersede {old.SupersededBy} instead");
        if (supersede.Replacement.Subject != old.Subject)
            return Fields.Invalid($"the replacement's subject {supersede.Replacement.Subject} differs from certificate {old.Id}'s subject {old.Subject}; a replacement certifies the same entity");

        check = CertificateIssuance.Issue(context, supersede.Replacement, social, financial, old.Id, out var replacement);
        if (!check.IsOk) return check;
        old.SupersededBy = replacement.Id;
        old.SupersededHeight = context.Block.Height;
        Certificates.Put(context.State, old);

        var ev = new Event { Type = EventType };
        CertificateIssuance.Add(ev, "id", CertificateIssuance.Num(old.Id));
        CertificateIssuance.Add(ev, "superseded_by", CertificateIssuance.Num(replacement.Id));
        CertificateIssuance.Add(ev, "subject", CertificateIssuance.Num(old.Subject));
        CertificateIssuance.Add(ev, "issuer", context.Addresses.Of(context.Sender));
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgSupersedeCertificate? supersede, out Amount social, out Amount financial)
    {
        social = financial = Amount.Zero;
        if (supersede is null) return Fields.Invalid("supersede-certificate message is empty");
        var check = CertificateRules.Id(supersede.OldId, "old_id");
        if (!check.IsOk) return check;
        if (supersede.Replacement is null) return Fields.Invalid("replacement is required: the certificate that replaces old_id");
        return CertificateRules.Issue(supersede.Replacement, out social, out financial);
    }
}
