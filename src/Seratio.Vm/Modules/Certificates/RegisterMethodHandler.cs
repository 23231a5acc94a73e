using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// <see cref="MsgRegisterMethod"/>: the authority registers the next version of an S/E method
/// (version = latest + 1; 1 for a new id). A registered version never changes: registering it again
/// is ALREADY_EXISTS, skipping a version is INVALID_MSG. Gas <see cref="GasCost"/>. Emits
/// "method_registered" {id, version, document_uri, document_hash, by}. Stateless; thread safe.
/// </summary>
public sealed class RegisterMethodHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;
    public const string EventType = "method_registered";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.RegisterMethod;
    public string Name => "register-method";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => CertificateRules.Method(msg.RegisterMethod);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var register = msg.RegisterMethod;
        var check = CertificateRules.Method(register);
        if (!check.IsOk) return check;
        uint latest = Methods.LatestVersion(context.State, register.Id);
        if (register.Version <= latest)
            return MsgResult.Fail(ResultCode.AlreadyExists,
                $"method '{register.Id}' version {register.Version} is already registered (latest {latest}); registered versions never change, register version {latest + 1}");
        if (register.Version != latest + 1)
            return Fields.Invalid($"method '{register.Id}' is at version {latest}; register version {latest + 1} next, not {register.Version}");

        Methods.Put(context.State, new MethodState
        {
            Id = register.Id,
            Version = register.Version,
            Description = register.Description,
            DocumentUri = register.DocumentUri,
            DocumentHash = register.DocumentHash,
            RegisteredBy = context.Sender.ToByteString(),
            RegisteredHeight = context.Block.Height,
        });

        var ev = new Event { Type = EventType };
        CertificateIssuance.Add(ev, "id", register.Id);
        CertificateIssuance.Add(ev, "version", register.Version.ToString(CultureInfo.InvariantCulture));
        CertificateIssuance.Add(ev, "document_uri", register.DocumentUri);
        CertificateIssuance.Add(ev, "document_hash", CertificateRules.Hex(register.DocumentHash));
        CertificateIssuance.Add(ev, "by", context.Addresses.Of(context.Sender));
        context.Events.Add(ev);
        return MsgResult.Ok;
    }
}
