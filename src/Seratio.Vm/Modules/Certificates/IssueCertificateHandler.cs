using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// <see cref="MsgIssueCertificate"/>: an issuer (for the certificate's method) issues a certificate
/// to a registered entity under a registered method version; the chain computes the S/E ratio
/// (<see cref="SeRatio"/>). Ids are the module counter plus one. Refusals: UNAUTHORIZED (issuer role
/// missing or restricted to other methods), NOT_FOUND (method version or subject unknown),
/// INVALID_MSG (fields, valid_until not after the block time). Gas <see cref="GasCost"/>. Emits
/// "certificate_issued". Stateless; thread safe.
/// </summary>
public sealed class IssueCertificateHandler : IMsgHandler
{
    public const ulong GasCost = 30_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.IssueCertificate;
    public string Name => "issue-certificate";
    public Permission Permission => Permission.Issuer;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => CertificateRules.Issue(msg.IssueCertificate, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var issue = msg.IssueCertificate;
        var check = CertificateRules.Issue(issue, out var social, out var financial);
        return check.IsOk ? CertificateIssuance.Issue(context, issue, social, financial, supersedes: 0, out _) : check;
    }
}
