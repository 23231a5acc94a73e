using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.State;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// Roles, entities and altcoins through a real node process: the happy path with proofs checked
/// against block headers, and each kind of bad input answered with a precise status or receipt
/// code while the node keeps serving. Each test uses its own accounts so nonces do not interfere.
/// </summary>
public sealed class RolesEntitiesAssetsTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Client;

    [Fact]
    public async Task RewardingBody_CreatesMintsAndMovesAnAltcoin_AndEveryQueryAgrees()
    {
        using var authority = TestNetwork.Account(0);
        using var body = TestNetwork.Account(1);
        using var holder = TestNetwork.Account(2);
        using var spender = TestNetwork.Account(3);

        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(authority, Grant(body, Role.RewardingBody))).Code);
        var roles = await Client.GetRolesAsync(new GetRolesRequest { Address = body.Address.ToString(), Prove = true });
        Assert.True(roles.Roles.RewardingBody);
        await AssertProvenAsync(roles.Height, roles.StateRoot, roles.Proof, RoleKeys.Roles(body.Address));

        var created = await fixture.CommitAsync(body, new Msg
        {
            CreateAsset = new MsgCreateAsset { Symbol = "GREEN", Name = "Green points", Decimals = 2, MaxSupply = "1000000", MintAuthority = body.Address.ToByteString() },
        });
        Assert.Equal(ResultCode.Ok, created.Code);
        var minted = await fixture.CommitAsync(body, new Msg { MintAsset = new MsgMintAsset { Symbol = "GREEN", To = holder.Address.ToByteString(), Amount = "500" } });
        Assert.Equal("asset_minted", Assert.Single(minted.Events).Type);
        var sent = await fixture.CommitAsync(holder,
            new Msg { SendAsset = new MsgSendAsset { Symbol = "GREEN", To = spender.Address.ToByteString(), Amount = "100", Memo = "thanks", Data = ByteString.CopyFrom(1, 2) } },
            new Msg { ApproveAsset = new MsgApproveAsset { Symbol = "GREEN", Spender = spender.Address.ToByteString(), Amount = "50" } });
        Assert.Equal(ResultCode.Ok, sent.Code);
        Assert.Contains(sent.Events, e => e.Type == "asset_transfer" && e.Attributes.Any(a => a.Key == "data" && a.Value == "0102"));
        var moved = await fixture.CommitAsync(spender, new Msg
        {
            SendAssetFrom = new MsgSendAssetFrom { Symbol = "GREEN", Owner = holder.Address.ToByteString(), To = spender.Address.ToByteString(), Amount = "30" },
        });
        Assert.Equal(ResultCode.Ok, moved.Code);

        var asset = await Client.GetAssetAsync(new GetAssetRequest { Symbol = "GREEN", Prove = true });
        Assert.Equal(("Green points", 2U, "1000000", "500"), (asset.Asset.Name, asset.Asset.Decimals, asset.Asset.MaxSupply, asset.Asset.Supply));
        await AssertProvenAsync(asset.Height, asset.StateRoot, asset.Proof, AltcoinKeys.Asset("GREEN"));
        var balance = await Client.GetAssetBalanceAsync(new GetAssetBalanceRequest { Symbol = "GREEN", Address = holder.Address.ToString(), Prove = true });
        Assert.Equal("370", balance.Balance);
        await AssertProvenAsync(balance.Height, balance.StateRoot, balance.Proof, AltcoinKeys.Balance("GREEN", holder.Address));
        var spenderBalance = await Client.GetAssetBalanceAsync(new GetAssetBalanceRequest { Symbol = "GREEN", Address = spender.Address.ToString() });
        Assert.Equal("130", spenderBalance.Balance);
        var allowance = await Client.GetAllowanceAsync(new GetAllowanceRequest { Symbol = "GREEN", Owner = holder.Address.ToString(), Spender = spender.Address.ToString() });
        Assert.Equal("20", allowance.Amount);
    }

    [Fact]
    public async Task Entity_RegisteredAndUpdated_IsProvenAgainstTheBlockStateRoot_AndListedByController()
    {
        using var controller = TestNetwork.Account(4);
        var first = await fixture.CommitAsync(controller, Register("Acme", controller), Register("Acme widget", controller));
        Assert.Equal(ResultCode.Ok, first.Code);
        var ids = first.Events.Where(e => e.Type == "entity_registered").Select(e => ulong.Parse(e.Attributes.First(a => a.Key == "id").Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, ids.Count);
        var updated = await fixture.CommitAsync(controller, new Msg { UpdateEntity = new MsgUpdateEntity { Id = ids[0], Name = "Acme Ltd" } });
        Assert.Equal(ResultCode.Ok, updated.Code);

        var entity = await Client.GetEntityAsync(new GetEntityRequest { Id = ids[0], Prove = true });
        Assert.Equal("Acme Ltd", entity.Entity.Name);
        await AssertProvenAsync(entity.Height, entity.StateRoot, entity.Proof, EntityKeys.Entity(ids[0]));
        Assert.Equal(entity.Entity, EntityState.Parser.ParseFrom(entity.Proof.Value));
        // The proof of the earlier height shows the earlier name.
        var before = await Client.GetEntityAsync(new GetEntityRequest { Id = ids[0], Height = first.Height, Prove = true });
        Assert.Equal("Acme", before.Entity.Name);
        await AssertProvenAsync(before.Height, before.StateRoot, before.Proof, EntityKeys.Entity(ids[0]));

        var page1 = await Client.ListEntitiesAsync(new ListEntitiesRequest { Controller = controller.Address.ToString(), PageSize = 1 });
        Assert.Equal(ids[0], Assert.Single(page1.Entities).Id);
        var page2 = await Client.ListEntitiesAsync(new ListEntitiesRequest { Controller = controller.Address.ToString(), PageSize = 1, PageToken = page1.NextPageToken });
        Assert.Equal(ids[1], Assert.Single(page2.Entities).Id);
        Assert.Equal("", page2.NextPageToken);

        // With no controller: every entity at that height, newest first, two a page down to entity 1.
        var everyone = new List<ulong>();
        string token = "";
        ListEntitiesResponse page;
        do
        {
            page = await Client.ListEntitiesAsync(new ListEntitiesRequest { PageSize = 2, PageToken = token, Height = updated.Height });
            everyone.AddRange(page.Entities.Select(e => e.Id));
            token = page.NextPageToken;
        } while (token.Length > 0);
        Assert.True(page.LastId >= ids[1], $"the newest entity at height {updated.Height} is {page.LastId}, below {ids[1]}");
        Assert.Equal(Enumerable.Range(1, (int)page.LastId).Select(i => (ulong)i).Reverse(), everyone);
        var fromSecond = await Client.ListEntitiesAsync(new ListEntitiesRequest { PageSize = 1, PageToken = ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture), Height = updated.Height });
        Assert.Equal("Acme widget", Assert.Single(fromSecond.Entities).Name);
        Assert.Empty((await Client.ListEntitiesAsync(new ListEntitiesRequest { PageToken = "0" })).Entities);
    }

    [Fact]
    public async Task BadQueries_GetPreciseStatuses()
    {
        using var someone = TestNetwork.Account(5);
        var head = (await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;
        await AssertStatus(StatusCode.InvalidArgument, "id is required", Client.GetEntityAsync(new GetEntityRequest { Id = 0 }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no entity 999999", Client.GetEntityAsync(new GetEntityRequest { Id = 999_999 }).ResponseAsync);
        await AssertStatus(StatusCode.OutOfRange, "above the latest height", Client.GetEntityAsync(new GetEntityRequest { Id = 1, Height = head + 1000 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "must start with an upper-case letter", Client.GetAssetAsync(new GetAssetRequest { Symbol = "green" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "native coin", Client.GetAssetAsync(new GetAssetRequest { Symbol = "SER" }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no asset 'NOPE'", Client.GetAssetAsync(new GetAssetRequest { Symbol = "NOPE" }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no asset 'NOPE'",
            Client.GetAssetBalanceAsync(new GetAssetBalanceRequest { Symbol = "NOPE", Address = someone.Address.ToString() }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "address",
            Client.GetRolesAsync(new GetRolesRequest { Address = "ser1nonsense" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_size 101",
            Client.ListEntitiesAsync(new ListEntitiesRequest { Controller = someone.Address.ToString(), PageSize = 101 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_token",
            Client.ListEntitiesAsync(new ListEntitiesRequest { Controller = someone.Address.ToString(), PageToken = "abc" }).ResponseAsync);
        var none = await Client.GetRolesAsync(new GetRolesRequest { Address = someone.Address.ToString(), Prove = true });
        Assert.Equal(new RoleSet(), none.Roles);
        Assert.False(none.Proof.Exists);
        Assert.True(StateProofVerifier.Verify(Hash32.FromByteString(none.StateRoot, "state_root"), none.Proof, out var reason), reason);
    }

    [Fact]
    public async Task BadTransactions_AreRefusedPrecisely_AndNothingIsHalfApplied()
    {
        using var authority = TestNetwork.Account(0);
        using var body = TestNetwork.Account(6);
        using var other = TestNetwork.Account(7);

        // Malformed: the mempool refuses it statelessly.
        var malformed = await fixture.SignAsync(body, new Msg { CreateAsset = new MsgCreateAsset { Symbol = "x", Name = "n", MaxSupply = "1", MintAuthority = body.Address.ToByteString() } });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitTxAsync(new SubmitTxRequest { Tx = malformed }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("symbol 'x'", error.Status.Detail);

        // Missing role: the receipt names it.
        var refused = await fixture.CommitAsync(body, Create("BLUE", "100", body));
        Assert.Equal(ResultCode.Unauthorized, refused.Code);
        Assert.Contains("lacks the rewarding-body role", refused.Log);

        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(authority, Grant(body, Role.RewardingBody))).Code);
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(body, Create("BLUE", "100", body))).Code);
        var duplicate = await fixture.CommitAsync(body, Create("BLUE", "5", body));
        Assert.Equal(ResultCode.AlreadyExists, duplicate.Code);

        // A mint within the cap followed by one past it: neither applies.
        var overCap = await fixture.CommitAsync(body, Mint("BLUE", other, "60"), Mint("BLUE", other, "41"));
        Assert.Equal(ResultCode.LimitExceeded, overCap.Code);
        Assert.Contains("max_supply 100", overCap.Log);
        Assert.Equal("0", (await Client.GetAssetAsync(new GetAssetRequest { Symbol = "BLUE" })).Asset.Supply);
        Assert.Equal("0", (await Client.GetAssetBalanceAsync(new GetAssetBalanceRequest { Symbol = "BLUE", Address = other.Address.ToString() })).Balance);

        var foreignMint = await fixture.CommitAsync(other, Mint("BLUE", other, "1"));
        Assert.Equal(ResultCode.Unauthorized, foreignMint.Code);
        var unknownEntity = await fixture.CommitAsync(other, new Msg { UpdateEntity = new MsgUpdateEntity { Id = 424242, Name = "x" } });
        Assert.Equal(ResultCode.NotFound, unknownEntity.Code);

        // Still serving and committing.
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(body, Mint("BLUE", other, "100"))).Code);
    }

    private async Task AssertProvenAsync(ulong height, ByteString stateRoot, StateProof proof, Hash32 key)
    {
        var header = (await Client.GetBlockAsync(new GetBlockRequest { Height = height })).Block.Header;
        var root = Hash32.FromByteString(stateRoot, "state_root");
        Assert.Equal(Hash32.FromByteString(header.StateRoot, "header.state_root"), root);
        Assert.Equal(key, Hash32.FromByteString(proof.Key, "proof.key"));
        Assert.True(proof.Exists);
        Assert.True(StateProofVerifier.Verify(root, proof, out var reason), reason);
    }

    private static async Task AssertStatus<T>(StatusCode code, string fragment, Task<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail);
    }

    private static Msg Grant(SigningKey account, Role role) =>
        new() { GrantRole = new MsgGrantRole { Account = account.Address.ToByteString(), Role = role } };

    private static Msg Create(string symbol, string max, SigningKey minter) => new()
    {
        CreateAsset = new MsgCreateAsset { Symbol = symbol, Name = symbol, MaxSupply = max, MintAuthority = minter.Address.ToByteString() },
    };

    private static Msg Mint(string symbol, SigningKey to, string amount) =>
        new() { MintAsset = new MsgMintAsset { Symbol = symbol, To = to.Address.ToByteString(), Amount = amount } };

    private static Msg Register(string name, SigningKey controller)
    {
        var register = new MsgRegisterEntity
        {
            Kind = EntityKind.Organisation,
            Name = name,
            MetadataUri = "ipfs://meta/" + name.Replace(' ', '-'),
            MetadataHash = Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes(name)).ToByteString(),
        };
        register.Controllers.Add(controller.Address.ToByteString());
        return new Msg { RegisterEntity = register };
    }
}
