using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using Seratio.Vm.Modules.Roles;

namespace Seratio.Cli.Modules;

/// <summary><c>seratio role grant|revoke|show</c>: the authority's roles (issuer, rewarding-body).</summary>
internal static class RoleCommands
{
    public static Command Create(GlobalOptions options)
    {
        var role = new Command("role", "Grant, withdraw and show roles (issuer, rewarding-body)");
        role.Subcommands.Add(Grant(options));
        role.Subcommands.Add(Revoke(options));
        role.Subcommands.Add(Show(options));
        return role;
    }

    private static Argument<string> AccountArgument() => new("account") { Description = "Address that receives or loses the role (ser1...)" };
    private static Argument<string> RoleArgument() => new("role") { Description = "issuer or rewarding-body" };

    private static Command Grant(GlobalOptions options)
    {
        var account = AccountArgument();
        var role = RoleArgument();
        var methods = new Option<string[]>("--method") { Description = "issuer only: a certificate method the issuer may use (repeat; none = every method)", AllowMultipleArgumentsPerToken = false };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("grant", "Grant a role (the authority signs)") { account, role, methods });
        command.SetAction((parse, ct) =>
        {
            var grant = new MsgGrantRole
            {
                Account = CliValues.Address(parse.GetValue(account)!, "account").ToByteString(),
                Role = ParseRole(parse.GetValue(role)!),
            };
            grant.Methods.Add(parse.GetValue(methods) ?? []);
            if (grant.Methods.Count > 0 && grant.Role != Role.Issuer) throw CommandException.Usage("--method applies to the issuer role only");
            return sender.SendAsync(parse, _ => new Msg { GrantRole = grant }, ct);
        });
        return command;
    }

    private static Command Revoke(GlobalOptions options)
    {
        var account = AccountArgument();
        var role = RoleArgument();
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("revoke", "Withdraw a role (the authority signs)") { account, role });
        command.SetAction((parse, ct) =>
        {
            var revoke = new MsgRevokeRole
            {
                Account = CliValues.Address(parse.GetValue(account)!, "account").ToByteString(),
                Role = ParseRole(parse.GetValue(role)!),
            };
            return sender.SendAsync(parse, _ => new Msg { RevokeRole = revoke }, ct);
        });
        return command;
    }

    private static Command Show(GlobalOptions options)
    {
        var account = new Argument<string>("account") { Description = "Address (ser1...)" };
        var height = new Option<ulong>("--height") { Description = "A retained height (default: latest)" };
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof of the roles value" };
        var command = new Command("show", "Show the roles an address holds") { account, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var address = CliValues.Address(parse.GetValue(account)!, "account");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync(
                (c, o) => c.GetRolesAsync(new GetRolesRequest { Address = address.ToString(), Height = parse.GetValue(height), Prove = parse.GetValue(prove) }, o),
                NodeConnection.QuickCall, ct);
            var names = Roles.Names(r.Roles);
            options.Printer(parse).Result(
                new
                {
                    address = r.Address,
                    height = r.Height,
                    roles = names,
                    issuer_methods = r.Roles.IssuerMethods.ToList(),
                    state_root = Display.Hex(r.StateRoot),
                    proof = r.Proof is null ? null : ProofJson.Of(r.Proof),
                },
                () => Printer.Fields(
                    ("address", r.Address),
                    ("height", r.Height.ToString(CultureInfo.InvariantCulture)),
                    ("roles", names.Count == 0 ? "(none)" : string.Join(", ", names)),
                    ("issuer methods", !r.Roles.Issuer ? "-" : r.Roles.IssuerMethods.Count == 0 ? "(every method)" : string.Join(", ", r.Roles.IssuerMethods)),
                    ("state root", Display.HexText(r.StateRoot))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Role ParseRole(string text) =>
        Roles.TryParse(text, out var role) ? role : throw CommandException.Usage($"role '{text}' is unknown; use issuer or rewarding-body");
}

/// <summary>A state proof as JSON fields (hex), for --output json.</summary>
internal static class ProofJson
{
    public static object Of(StateProof p) => new
    {
        key = Convert.ToHexStringLower(p.Key.Span),
        exists = p.Exists,
        value = Convert.ToHexStringLower(p.Value.Span),
        other_leaf_key = Convert.ToHexStringLower(p.OtherLeafKey.Span),
        other_leaf_value_hash = Convert.ToHexStringLower(p.OtherLeafValueHash.Span),
        sibling_bitmap = Convert.ToHexStringLower(p.SiblingBitmap.Span),
        siblings = p.Siblings.Select(s => Convert.ToHexStringLower(s.Span)).ToList(),
        depth = p.Depth,
    };
}
