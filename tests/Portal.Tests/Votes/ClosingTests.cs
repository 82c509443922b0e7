using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Notifications;
using Portal.Features.Votes;
using Portal.Pages.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Closing by the job, the preliminary result, objections, the final result and the audit check.</summary>
public sealed class ClosingTests
{
    [Fact]
    public async Task Closing_job_run_by_several_servers_at_once_closes_exactly_once()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("CLO"), buildings: 1, entrances: 1, floors: 3, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id), TimeSpan.FromHours(1));
        foreach (var (label, choice) in new[] { ("1-1-101", Choice.Agree), ("1-1-102", Choice.Agree), ("1-1-201", Choice.Agree), ("1-1-202", Choice.Oppose) })
            await factory.RecordAsync(vote.Id, c, c.Flat(label).Id, choice);

        Assert.False(await factory.CloseAsync(vote.Id)); // not yet time: stays open
        Assert.Equal(VoteStatus.Open, (await factory.VoteAsync(vote.Id)).Status);

        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);
        var late = await Assert.ThrowsAsync<DomainException>(() => factory.RecordAsync(vote.Id, c, c.Flat("1-1-301").Id, Choice.Agree));
        Assert.Equal("ballot.vote_not_open", late.Code);

        var closed = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => factory.CloseAsync(vote.Id))));
        Assert.Equal(1, closed.Count(x => x));
        var after = await factory.VoteAsync(vote.Id);
        Assert.Equal(VoteStatus.Preliminary, after.Status);
        var entries = await factory.WithDb(db => db.Set<VoteAuditEntry>().Where(e => e.VoteId == vote.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(1, entries.Count(a => a == AuditActions.Close));
        Assert.Equal(1, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.VotePreliminaryResult)));

        var result = (await factory.TallyAsync(vote.Id)).Single();
        Assert.True(result.QuorumMet);   // 4 of 6, 200 of 300 m²: exactly 2/3
        Assert.True(result.Passed);      // 3 of 4, 150 of 200 m²: exactly 3/4
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task Objections_must_be_answered_and_the_period_over_before_the_final_result()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("OBJ"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "维修资金", new CivilCodeMajor(), Scope.WholeCompound, TimeSpan.FromHours(1), objectionDays: 3);
        var (userId, owner) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        var (_, committee) = await factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        var url = $"/c/{c.Code}/votes/{vote.Id}/result";

        await owner.SubmitFormAsync(url, new Dictionary<string, string> { ["ObjectionText"] = "我家的票没有统计" }, "#objection-form");
        Assert.Equal(1, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.ObjectionFiled)));

        factory.Clock.Offset = TimeSpan.FromDays(4);
        var early = await FormClient.ParseAsync(await committee.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*='handler=Final']"));
        Assert.Contains("异议未答复", early.QuerySelector("#result-error")!.TextContent);

        var page = await committee.GetDocumentAsync(url);
        await committee.SubmitFormAsync(page, new Dictionary<string, string> { ["Answer"] = "已核对，您的票已计入" }, ".answer-form");
        var final = await committee.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*='handler=Final']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, final.StatusCode);
        Assert.Equal(VoteStatus.Final, (await factory.VoteAsync(vote.Id)).Status);
        var notice = await owner.GetDocumentAsync(url);
        Assert.Equal("Final", notice.QuerySelector("#result-status")!.GetAttribute("data-status"));
        Assert.Single(notice.QuerySelectorAll("#receipt-list .receipt"));
        Assert.NotNull(notice.QuerySelector("#result-qr"));
        Assert.DoesNotContain("业主1-1-101", notice.Body!.TextContent);
        var actions = await factory.WithDb(db => db.Set<VoteAuditEntry>().Where(e => e.VoteId == vote.Id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.Open, AuditActions.BallotRecorded, AuditActions.Close, AuditActions.CountSignedOff,
            AuditActions.CountSignedOff, AuditActions.PublishPreliminary,
            AuditActions.ObjectionFiled, AuditActions.ObjectionAnswered, AuditActions.PublishFinal], actions);
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
        _ = userId;
    }

    [Fact]
    public async Task Verification_finds_an_edited_log_entry_and_a_ballot_changed_behind_the_logs_back()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("TAM"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "篡改", new CivilCodeOrdinary(), Scope.WholeCompound);
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-102").Id, Choice.Oppose);
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);

        await factory.WithDb(db => db.Set<CurrentChoice>().Where(x => x.VoteId == vote.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Choice, Choice.Agree)));
        var changed = await factory.VerifyAsync(vote.Id);
        Assert.True(changed.ChainIntact);
        Assert.False(changed.TallyMatches);

        await factory.WithDb(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE VoteAuditEntry SET PayloadJson = replace(PayloadJson, 'oppose', 'agree') WHERE VoteId = {0}", vote.Id));
        var edited = await factory.VerifyAsync(vote.Id);
        Assert.False(edited.ChainIntact);
        Assert.False(edited.Ok);
    }

    [Fact]
    public async Task A_logged_correction_changes_the_frozen_electorate()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("COR"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 3);
        var vote = await factory.CreateVoteAsync(c, "更正", new CivilCodeOrdinary(), Scope.WholeCompound);
        Assert.Equal(new Weight(3, 15_000), (await factory.TallyAsync(vote.Id)).Single().Eligible);

        await factory.GiveToSameOwnerAsync(c.Flat("1-1-102"), c.Flat("1-1-101")); // register edit: frozen electorate unchanged
        Assert.Equal(new Weight(3, 15_000), (await factory.TallyAsync(vote.Id)).Single().Eligible);

        await factory.Scoped(sp => sp.GetRequiredService<CorrectElectorate>().RunAsync(vote.Id, c.Id, "产权转移登记", "committee"));
        Assert.Equal(new Weight(2, 15_000), (await factory.TallyAsync(vote.Id)).Single().Eligible);
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }
}
