using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Numbered paper ballots with codes, the code as the paper voter's receipt, and latest-wins notices.</summary>
public sealed class PaperBallotTests
{
    private static Task<CastReceipt> RecordWithCodeAsync(PortalFactory factory, long voteId, TestCompound c, string flat, Choice choice, string? code) =>
        factory.Scoped(async sp =>
        {
            var matters = await sp.GetRequiredService<VoteCounter>().MattersAsync(voteId);
            var flatId = c.Flat(flat).Id;
            return await sp.GetRequiredService<RecordPaperBallot>().RunAsync(voteId, c.Id, flatId,
                matters.Select(m => new MatterChoice(m.MatterId, choice)).ToList(),
                new BallotMeta(BallotChannel.Paper, "committee", flatId, new DateOnly(2026, 12, 1), null, null, PaperCode: code));
        });

    [Fact]
    public async Task Printed_papers_carry_codes_kept_only_as_hashes_and_a_code_is_accepted_once_for_its_own_flat_and_becomes_the_receipt()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PAP"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 4);
        var vote = await factory.CreateVoteAsync(c, "更换水泵", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1));
        var papers = await factory.Scoped(sp => sp.GetRequiredService<IssueBallotPapers>().RunAsync(vote.Id, c.Id, "committee"));
        Assert.Equal(4, papers.Count);
        Assert.Equal([1, 2, 3, 4], papers.Select(p => p.Number));
        Assert.Equal(4, papers.Select(p => p.Code).Distinct().Count());
        var stored = await factory.WithDb(db => db.Set<BallotPaper>().Where(p => p.VoteId == vote.Id).ToListAsync());
        Assert.All(stored, s => Assert.Equal(64, s.CodeHash.Length));
        Assert.DoesNotContain(stored, s => papers.Any(p => s.CodeHash.Contains(p.Code, StringComparison.OrdinalIgnoreCase)));
        string CodeOf(string flat) => papers.Single(p => p.FlatId == c.Flat(flat).Id).Code;

        var receipt = await RecordWithCodeAsync(factory, vote.Id, c, "1-1-101", Choice.Agree, CodeOf("1-1-101").ToLowerInvariant().Insert(5, "-"));
        Assert.Equal(CodeOf("1-1-101"), receipt.ReceiptCode);
        foreach (var (flat, code, expected) in new[]
                 {
                     ("1-1-101", CodeOf("1-1-101"), "paper.code_used"),
                     ("1-1-102", CodeOf("1-1-103"), "paper.code_other_flat"),
                     ("1-1-102", "ABCDEFGHJK", "paper.code_unknown"),
                 })
            Assert.Equal(expected, (await Assert.ThrowsAsync<DomainException>(() => RecordWithCodeAsync(factory, vote.Id, c, flat, Choice.Oppose, code))).Code);
        Assert.Equal(1, await factory.WithDb(db => db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id)));

        // The import's code column: a bad code refuses the whole file with its line; a good file records the code as receipt.
        async Task<BallotImport.Outcome> Import(string csv) => await factory.Scoped(sp => sp.GetRequiredService<ImportBallots>().RunAsync(
            vote.Id, c.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "ballots.csv", "committee"));
        var bad = await Import($"building,entrance,room,choice,code\n1,1,102,同意,{CodeOf("1-1-102")}\n1,1,103,反对,{CodeOf("1-1-104")}\n");
        Assert.Equal((3, "Import_CodeOtherFlat"), (bad.Errors.Single().Line, bad.Errors.Single().Key));
        var twice = await Import($"building,entrance,room,choice,code\n1,1,102,同意,{CodeOf("1-1-102")}\n1,1,103,反对,{CodeOf("1-1-102")}\n");
        Assert.Equal((3, "Import_DuplicateCode"), (twice.Errors.Single().Line, twice.Errors.Single().Key));
        Assert.Equal(1, await factory.WithDb(db => db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id)));
        var good = await Import($"building,entrance,room,choice,code\n1,1,102,同意,{CodeOf("1-1-102")}\n1,1,103,反对,{CodeOf("1-1-103")}\n");
        Assert.Empty(good.Errors);

        // Printing again renews only the unused papers' codes: the old printout of 1-1-104 no longer counts.
        var reprint = await factory.Scoped(sp => sp.GetRequiredService<IssueBallotPapers>().RunAsync(vote.Id, c.Id, "committee"));
        var renewed = Assert.Single(reprint);
        Assert.Equal(4, renewed.Number);
        Assert.Equal("paper.code_unknown", (await Assert.ThrowsAsync<DomainException>(() => RecordWithCodeAsync(factory, vote.Id, c, "1-1-104", Choice.Agree, CodeOf("1-1-104")))).Code);

        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        var receipts = await factory.WithDb(db => db.Set<CurrentBallot>().Where(b => b.VoteId == vote.Id).Select(b => b.ReceiptCode).ToListAsync());
        Assert.Equal(new[] { CodeOf("1-1-101"), CodeOf("1-1-102"), CodeOf("1-1-103") }.Order(), receipts.Order());
        var (_, owner) = await factory.ResidentAsync(c, c.Flat("1-1-103"));
        var page = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/result");
        Assert.Contains(CodeOf("1-1-103"), page.QuerySelectorAll("#receipt-list .receipt").Select(r => r.TextContent.Trim()));
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task Under_latest_wins_the_owner_is_told_when_a_committee_entry_replaces_their_online_ballot()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("LWN"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        await factory.RelaxVoteRulesAsync(c);
        await factory.Scoped(sp => sp.GetRequiredService<SetCompoundRules>().RunAsync(c.Id,
            new SetCompoundRules.Changes(Precedence: ChannelPrecedence.LatestWins), "committee"));
        var vote = await factory.CreateVoteAsync(c, "绿化改造", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1));
        var (userId, _) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        await factory.Scoped(async sp =>
        {
            var matters = await sp.GetRequiredService<VoteCounter>().MattersAsync(vote.Id);
            return await sp.GetRequiredService<CastBallot>().RunAsync(vote.Id, c.Id, userId, c.Flat("1-1-101").OwnerOfRecordId,
                matters.Select(m => new MatterChoice(m.MatterId, Choice.Agree)).ToList());
        });
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-102").Id, Choice.Agree); // nobody's online ballot replaced
        Assert.Equal(0, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.VoteBallotReplaced)));

        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Oppose);
        var told = await factory.WithDb(db => db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.VoteBallotReplaced).ToListAsync());
        var notice = Assert.Single(told);
        Assert.Contains(userId, notice.AudienceJson);
        Assert.Equal(1, (await factory.TallyAsync(vote.Id)).Single().Oppose.Owners);
    }
}
