using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Portal.Explorer;
using Seratio.Protocol;

namespace Seratio.Portal.Tests.Explorer;

/// <summary>The one decoder of chain messages the transaction and proposal pages share: kinds, addresses, enums, links, bounds.</summary>
public sealed class MessageFieldsTests
{
    [Fact]
    public void AMessage_ReadsByKind_WithAddressesLinked_EnumsByName_AndUnsetFieldsLeftOut()
    {
        var account = ByteString.CopyFrom(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());
        var (kind, fields) = MessageFields.Of(new Msg { GrantRole = new MsgGrantRole { Account = account, Role = Role.Issuer } });
        Assert.Equal("grant_role", kind);
        var address = new Address(account.Span).ToString();
        var shown = fields.Single(f => f.Name == "account");
        Assert.Equal((address, $"/accounts/{address}"), (shown.Text, shown.Href));
        Assert.Equal("ROLE_ISSUER", fields.Single(f => f.Name == "role").Text);
        Assert.DoesNotContain(fields, f => f.Name == "methods");

        var (haltKind, halt) = MessageFields.Of(new Msg { HaltMarket = new MsgHaltMarket { MarketId = 3, Halted = true, Reason = "audit" } });
        Assert.Equal("halt_market", haltKind);
        Assert.Equal([("market_id", "3"), ("halted", "true"), ("reason", "audit")], halt.Select(f => (f.Name, f.Text)));
    }

    [Fact]
    public void AnEmptyMessage_IsNamedUnknown_WithNoFields()
    {
        var (kind, fields) = MessageFields.Of(new Msg());
        Assert.StartsWith("unknown message", kind, StringComparison.Ordinal);
        Assert.Empty(fields);
    }

    [Fact]
    public void IdsLinkToTheirPages_ByTheFieldsName()
    {
        Assert.Equal("/certificates/7", MessageFields.LinkOf("certificate_id", 7));
        Assert.Equal("/lots/2", MessageFields.LinkOf("lot_ids", 2));
        Assert.Null(MessageFields.LinkOf("amount", 7));
        Assert.Null(MessageFields.LinkOf("certificate_id", 0));
    }

    [Fact]
    public void AHugeMessage_IsCut_AtTheFieldBudget_AndSaysSo()
    {
        var members = new MsgSetDafMembers();
        for (int i = 0; i < MessageFields.MaxFields; i++) members.Members.Add(new DafMember { Address = ByteString.CopyFrom(new byte[20]), Weight = 1 });
        var (_, fields) = MessageFields.Of(new Msg { SetDafMembers = members });
        int Count(IReadOnlyList<FieldView> level) => level.Sum(f => (f.Name == "…" ? 0 : 1) + (f.Children is { } c ? Count(c) : 0));
        Assert.True(Count(fields) <= MessageFields.MaxFields, $"{Count(fields)} fields shown");
        Assert.Equal("…", fields[^1].Name);
        Assert.EndsWith("more of members not shown", fields[^1].Text, StringComparison.Ordinal);
    }
}
