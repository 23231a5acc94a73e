using Google.Protobuf;
using Seratio.Protocol;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Support;

/// <summary>Messages and a ready state of the certificates module for tests.</summary>
public static class CertMsgs
{
    /// <summary>The block time of <see cref="ValueMsgs.Run(MemoryState, string, ulong, Msg[])"/> at <paramref name="height"/>.</summary>
    public static long TimeAt(ulong height) => Blocks.Context(height).TimeUnixMs;

    /// <summary>A year after the block time of height 1.</summary>
    public static readonly long NextYear = TimeAt(1) + 365L * 24 * 3600 * 1000;

    /// <summary>
    /// A state where the authority registered method "sroi" v1, "issuer" holds the issuer role for
    /// every method and entity 1 (controlled by "owner") exists.
    /// </summary>
    public static MemoryState Ready(params string[] more)
    {
        var state = NewState(["issuer", "owner", "other", .. more]);
        Assert.Equal(ResultCode.Ok, Run(state, Authority, Method("sroi", 1), Grant("issuer", Role.Issuer)).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "owner", Register("acme", "owner")).Code);
        return state;
    }

    public static Msg Method(string id, uint version, string description = "Social return on investment") => new()
    {
        RegisterMethod = new MsgRegisterMethod
        {
            Id = id, Version = version, Description = description, DocumentUri = "https://methods.example/" + id,
            DocumentHash = ByteString.CopyFrom(Enumerable.Repeat((byte)7, 32).ToArray()),
        },
    };

    public static MsgIssueCertificate Cert(ulong subject = 1, string social = "250", string financial = "100", string method = "sroi", uint version = 1,
        long? validUntil = null, params string[] labels)
    {
        var issue = new MsgIssueCertificate
        {
            Subject = subject,
            PeriodStartUnixMs = 1_672_531_200_000,
            PeriodEndUnixMs = 1_704_067_200_000,
            SocialValue = social,
            FinancialValue = financial,
            Scale = 2,
            SocialUnit = "GBP",
            Currency = "GBP",
            MethodId = method,
            MethodVersion = version,
            EvidenceUri = "ipfs://evidence",
            EvidenceHash = ByteString.CopyFrom(Enumerable.Repeat((byte)9, 32).ToArray()),
            ValidUntilUnixMs = validUntil ?? NextYear,
        };
        issue.Labels.Add(labels);
        return issue;
    }

    public static Msg Issue(MsgIssueCertificate issue) => new() { IssueCertificate = issue };

    public static Msg Issue(ulong subject = 1) => Issue(Cert(subject));

    public static Msg RevokeCert(ulong id, string reason = "evidence withdrawn") =>
        new() { RevokeCertificate = new MsgRevokeCertificate { Id = id, Reason = reason } };

    public static Msg Supersede(ulong oldId, MsgIssueCertificate replacement) =>
        new() { SupersedeCertificate = new MsgSupersedeCertificate { OldId = oldId, Replacement = replacement } };
}
