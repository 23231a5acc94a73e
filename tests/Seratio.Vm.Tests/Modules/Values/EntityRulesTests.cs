using Google.Protobuf;
using Seratio.Protocol;
using Seratio.Vm.Modules;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Values;

public class EntityRulesTests
{
    [Fact]
    public void Register_AssignsSequentialIds_AndIndexesControllers()
    {
        var state = NewState("alice", "bob");

        var first = Run(state, "alice", Register("acme", "alice", "bob"));
        var second = Run(state, "bob", Register("widget", "bob"));

        Assert.Equal(ResultCode.Ok, first.Code);
        Assert.Equal(ResultCode.Ok, second.Code);
        var acme = Entities.Get(state, 1)!;
        Assert.Equal("acme", acme.Name);
        Assert.Equal(EntityKind.Organisation, acme.Kind);
        Assert.True(Entities.IsController(acme, Addr("bob")));
        Assert.Equal("widget", Entities.Get(state, 2)!.Name);
        Assert.Equal([1UL], Entities.ControlledBy(state, Addr("alice")));
        Assert.Equal([1UL, 2UL], Entities.ControlledBy(state, Addr("bob")));
        var ev = Assert.Single(first.Events);
        Assert.Equal(RegisterEntityHandler.EventType, ev.Type);
        Assert.Equal("1", Attributes(ev)["id"]);
        Assert.Equal($"{Addr("alice")},{Addr("bob")}", Attributes(ev)["controller"]);
    }

    [Fact]
    public void Update_ByAController_ReplacesMetadata()
    {
        var state = NewState("alice");
        Run(state, "alice", Register("acme", "alice"));
        var receipt = Run(state, "alice", 5, Update(1, "acme ltd"));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        var entity = Entities.Get(state, 1)!;
        Assert.Equal("acme ltd", entity.Name);
        Assert.Equal("", entity.MetadataUri);
        Assert.Equal(5UL, entity.UpdatedHeight);
    }

    [Fact]
    public void Update_ByANonController_IsUnauthorized()
    {
        var state = NewState("alice", "mallory");
        Run(state, "alice", Register("acme", "alice"));
        var receipt = Run(state, "mallory", Update(1, "pwned"));
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("is not a controller of entity 1", receipt.Log);
        Assert.Equal("acme", Entities.Get(state, 1)!.Name);
    }

    [Fact]
    public void Update_OfUnknownId_IsNotFound()
    {
        var state = NewState("alice");
        var receipt = Run(state, "alice", Update(7, "x"));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("entity 7 does not exist", receipt.Log);
    }

    [Fact]
    public void SetControllers_MovesTheIdBetweenControllerLists()
    {
        var state = NewState("alice", "bob");
        Run(state, "alice", Register("acme", "alice"));
        var receipt = Run(state, "alice", Controllers(1, "bob"));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.Empty(Entities.ControlledBy(state, Addr("alice")));
        Assert.Equal([1UL], Entities.ControlledBy(state, Addr("bob")));
        Assert.Equal(ResultCode.Unauthorized, Run(state, "alice", Update(1, "x")).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "bob", Update(1, "x")).Code);
    }

    [Fact]
    public void FailingSecondMessage_UndoesTheFirstRegistration()
    {
        var state = NewState("alice");
        var receipt = Run(state, "alice", Register("acme", "alice"), Update(99, "x"));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.StartsWith("message 1 (update-entity)", receipt.Log);
        Assert.Null(Entities.Get(state, 1));
        Assert.Empty(Entities.ControlledBy(state, Addr("alice")));
        Assert.Empty(receipt.Events);
        // The counter was not advanced either: the next registration is id 1.
        Run(state, "alice", Register("acme", "alice"));
        Assert.Equal("acme", Entities.Get(state, 1)!.Name);
    }

    public static TheoryData<Msg, string> Malformed() => new()
    {
        { Register("", "alice"), "name is required" },
        { Register("acme"), "controllers is empty" },
        { Register("acme", "alice", "alice"), "listed twice" },
        { new Msg { RegisterEntity = new MsgRegisterEntity { Kind = (EntityKind)9, Name = "x" } }, "kind 9 is unknown" },
        { new Msg { RegisterEntity = new MsgRegisterEntity { Kind = EntityKind.Person, Name = "x", MetadataUri = "u", MetadataHash = ByteString.CopyFrom(new byte[3]) } }, "metadata_hash must be the 32-byte SHA-256" },
        { new Msg { RegisterEntity = new MsgRegisterEntity { Kind = EntityKind.Person, Name = "x", MetadataHash = ByteString.CopyFrom(new byte[32]) } }, "metadata_uri is empty" },
        { Update(0, "x"), "id is required" },
        { Controllers(1), "controllers is empty" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedEntityMessage_IsInvalid(Msg msg, string expected)
    {
        var result = MsgHandlers.For(msg.KindCase)!.Validate(msg, Blocks.Params);
        Assert.Equal(ResultCode.InvalidMsg, result.Code);
        Assert.Contains(expected, result.Log);
    }
}
