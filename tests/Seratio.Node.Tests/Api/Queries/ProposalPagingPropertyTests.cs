using CsCheck;
using Google.Protobuf;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Api.Queries;

/// <summary>
/// ListProposals over any set of proposals, status filter and page size: following next_page_token from the first page
/// lists exactly the proposals of that status, newest first, each once, every page within its size, and the list ends
/// with an empty token.
/// </summary>
public class ProposalPagingPropertyTests
{
    [Fact]
    public async Task FollowingTheTokens_ListsEveryMatchingProposalOnce_NewestFirst()
    {
        var statuses = Gen.Int[1, 8].Array[0, 40];
        await Gen.Select(statuses, Gen.Int[0, 8], Gen.UInt[1, 7]).SampleAsync(async (proposalStatuses, filter, size) =>
        {
            var f = new ApiFixture();
            for (int i = 0; i < proposalStatuses.Length; i++)
                f.Chain.SetState(DafKeys.Proposal((ulong)i + 1), new ProposalState { Id = (ulong)i + 1, Status = (ProposalStatus)proposalStatuses[i] }.ToByteArray());
            if (proposalStatuses.Length > 0) f.Chain.SetState(DafKeys.ProposalCounter(), StateValues.U64((ulong)proposalStatuses.Length));
            f.Chain.Commit();

            var expected = Enumerable.Range(1, proposalStatuses.Length).Reverse()
                .Where(id => filter == 0 || proposalStatuses[id - 1] == filter).Select(id => (ulong)id).ToList();
            var listed = new List<ulong>();
            string token = "";
            int pages = 0;
            do
            {
                var page = await f.Service.ListProposals(new ListProposalsRequest { Status = (ProposalStatus)filter, PageSize = size, PageToken = token }, f.Context);
                Assert.True(page.Proposals.Count <= size);
                Assert.Equal((ulong)proposalStatuses.Length, page.LastId);
                listed.AddRange(page.Proposals.Select(p => p.Id));
                token = page.NextPageToken;
                Assert.True(++pages <= proposalStatuses.Length + 1, "the tokens go round in circles");
            } while (token.Length > 0);
            Assert.Equal(expected, listed);
        }, iter: 2_000);
    }
}
