using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// One node process whose genesis names account-0 as the authority, and a helper that signs and
/// commits transactions of any messages with the sender's current nonce.
/// </summary>
public sealed class ValueModulesFixture : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;
    public NodeApi.NodeApiClient Client => Node.Client;

    public async Task InitializeAsync()
    {
        using var authority = TestNetwork.Account(0);
        var genesis = TestNetwork.Genesis() with { Authority = authority.Address.ToString() };
        Node = await NodeProcess.StartAsync(genesis);
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();

    /// <summary>Signs <paramref name="msgs"/> from <paramref name="from"/> with its next nonce.</summary>
    public async Task<ByteString> SignAsync(SigningKey from, params Msg[] msgs)
    {
        var account = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var body = new TxBody
        {
            ChainId = TestNetwork.ChainId,
            Sender = from.Address.ToByteString(),
            Nonce = account.Nonce,
            GasLimit = 200_000,
        };
        body.Msgs.Add(msgs);
        return ByteString.CopyFrom(TxDecoder.Sign(body, from));
    }

    /// <summary>Submits and waits for the receipt.</summary>
    public async Task<Receipt> CommitAsync(SigningKey from, params Msg[] msgs)
    {
        var tx = await SignAsync(from, msgs);
        var response = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = tx, Mode = SubmitMode.Commit });
        return response.Receipt;
    }
}
