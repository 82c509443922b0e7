using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>The counting window after closing, the scrutineers' sign-off, and objections answered by a correction of the count.</summary>
public sealed class CountingTests
{
    private static Task<CastReceipt> RecordReceivedAsync(PortalFactory factory, long voteId, TestCompound c, string flat, Choice choice, DateTimeOffset? receivedAt) =>
        factory.Scoped(async sp =>
        {
            var matters = await sp.GetRequiredService<VoteCounter>().MattersAsync(voteId);
            var flatId = c.Flat(flat).Id;
            return await sp.GetRequiredService<RecordPaperBallot>().RunAsync(voteId, c.Id, flatId,
                matters.Select(m => new MatterChoice(m.MatterId, choice)).ToList(),
                new BallotMeta(BallotChannel.Paper, "committee", flatId, receivedAt is { } r ? DateOnly.FromDateTime(Portal.Features.Shared.Shanghai.ToLocal(r).Date) : null,
                    null, null, receivedAt));
        });

    private static async Task<string> AccountInAsync(PortalFactory factory, TestCompound c, string flat)
    {
        var user = await factory.CreateUserAsync($"s-{Guid.NewGuid():N}@example.com");
        await factory.LinkAsync(user.Id, c, c.Flat(flat));
        return user.Id;
    }

    private static Task<bool> SignAsync(PortalFactory factory, long voteId, TestCompound c, string userId) =>
        factory.Scoped(sp => sp.GetRequiredService<SignOffCount>().RunAsync(voteId, c.Id, userId));

    [Fact]
    public async Task During_counting_ballots_received_before_closing_are_entered_then_two_scrutineers_sign_off_and_the_preliminary_result_follows()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("CNT"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 3);
        await factory.Scoped(sp => sp.GetRequiredService<SetCompoundRules>().RunAsync(c.Id,
            new SetCompoundRules.Changes(NoticeDays: 0, MinVotingDays: 0, ObjectionDays: 0, CountingDays: 2), "committee"));
        var vote = await factory.CreateVoteAsync(c, "外墙保温", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1));
        Assert.Equal(2, vote.CountingDays);
        await RecordReceivedAsync(factory, vote.Id, c, "1-1-101", Choice.Agree, factory.Clock.GetUtcNow().AddMinutes(-1));
        var voter = await AccountInAsync(factory, c, "1-1-103");

        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);
        Assert.True(await factory.CloseAsync(vote.Id));
        var counting = await factory.VoteAsync(vote.Id);
        Assert.Equal(VoteStatus.Counting, counting.Status);
        Assert.Equal(vote.ClosesAt.AddDays(2), counting.CountingEndsAt);
        Assert.Equal(0, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.VotePreliminaryResult)));

        // Online voting has ended; a paper handed in ten minutes before closing is entered; one received after is refused.
        var online = await Assert.ThrowsAsync<DomainException>(() => factory.Scoped(async sp =>
        {
            var matters = await sp.GetRequiredService<VoteCounter>().MattersAsync(vote.Id);
            return await sp.GetRequiredService<CastBallot>().RunAsync(vote.Id, c.Id, voter, c.Flat("1-1-103").OwnerOfRecordId,
                matters.Select(m => new MatterChoice(m.MatterId, Choice.Agree)).ToList());
        }));
        Assert.Equal("ballot.vote_not_open", online.Code);
        await RecordReceivedAsync(factory, vote.Id, c, "1-1-102", Choice.Agree, vote.ClosesAt.AddMinutes(-10));
        var late = await Assert.ThrowsAsync<DomainException>(() => RecordReceivedAsync(factory, vote.Id, c, "1-1-103", Choice.Oppose, vote.ClosesAt.AddMinutes(1)));
        Assert.Equal("ballot.received_after_closing", late.Code);
        var undated = await Assert.ThrowsAsync<DomainException>(() => RecordReceivedAsync(factory, vote.Id, c, "1-1-103", Choice.Oppose, null));
        Assert.Equal("ballot.paper_date_required", undated.Code);
        Assert.Equal(0, await factory.WithDb(db => db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id && b.OwnerOfRecordId == c.Flat("1-1-103").OwnerOfRecordId)));
        Assert.Equal(2, (await factory.TallyAsync(vote.Id)).Single().Participated.Owners);

        // Scrutineers: at least two, accounts of the compound.
        var a = await AccountInAsync(factory, c, "1-1-101");
        var b = await AccountInAsync(factory, c, "1-1-102");
        var outsider = (await factory.CreateUserAsync($"x-{Guid.NewGuid():N}@example.com")).Id;
        var one = await Assert.ThrowsAsync<DomainException>(() => factory.Scoped(sp => sp.GetRequiredService<NameScrutineers>().RunAsync(vote.Id, c.Id, [a], "committee")));
        Assert.Equal("count.too_few_scrutineers", one.Code);
        var foreign = await Assert.ThrowsAsync<DomainException>(() => factory.Scoped(sp => sp.GetRequiredService<NameScrutineers>().RunAsync(vote.Id, c.Id, [a, outsider], "committee")));
        Assert.Equal("count.scrutineer_not_in_compound", foreign.Code);
        await factory.Scoped(sp => sp.GetRequiredService<NameScrutineers>().RunAsync(vote.Id, c.Id, [a, b], "committee"));

        // Not before the counting window ends; never by someone who is not a scrutineer.
        var early = await Assert.ThrowsAsync<DomainException>(() => SignAsync(factory, vote.Id, c, a));
        Assert.Equal("count.window_running", early.Code);
        factory.Clock.Offset = TimeSpan.FromDays(2) + TimeSpan.FromHours(2);
        var closedWindow = await Assert.ThrowsAsync<DomainException>(() => RecordReceivedAsync(factory, vote.Id, c, "1-1-103", Choice.Oppose, vote.ClosesAt.AddMinutes(-5)));
        Assert.Equal("ballot.vote_not_open", closedWindow.Code);
        var stranger = await Assert.ThrowsAsync<DomainException>(() => SignAsync(factory, vote.Id, c, voter));
        Assert.Equal("count.not_scrutineer", stranger.Code);

        Assert.True(await SignAsync(factory, vote.Id, c, a));
        Assert.False(await SignAsync(factory, vote.Id, c, a)); // a second sign-off changes nothing
        Assert.Equal(VoteStatus.Counting, (await factory.VoteAsync(vote.Id)).Status);
        Assert.True(await SignAsync(factory, vote.Id, c, b));
        var published = await factory.VoteAsync(vote.Id);
        Assert.Equal(VoteStatus.Preliminary, published.Status);
        Assert.Equal(1, published.PreliminaryRound);
        Assert.NotNull(published.CountedAt);
        Assert.Equal(1, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.VotePreliminaryResult)));
        var actions = await factory.WithDb(db => db.Set<VoteAuditEntry>().Where(e => e.VoteId == vote.Id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.Open, AuditActions.BallotRecorded, AuditActions.Close, AuditActions.BallotRecorded, AuditActions.ScrutineersNamed,
            AuditActions.CountSignedOff, AuditActions.CountSignedOff, AuditActions.PublishPreliminary], actions);
        var verification = await factory.VerifyAsync(vote.Id);
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
        var renamed = await Assert.ThrowsAsync<DomainException>(() => factory.Scoped(sp => sp.GetRequiredService<NameScrutineers>().RunAsync(vote.Id, c.Id, [a, voter], "committee")));
        Assert.Equal("count.already_signed", renamed.Code);
    }

    [Fact]
    public async Task An_objection_upheld_by_correcting_a_mis_entered_paper_ballot_posts_a_new_preliminary_result_and_objection_period()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("COC"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 3);
        var vote = await factory.CreateVoteAsync(c, "更换水泵", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1), objectionDays: 3);
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        var before = await factory.RecordAsync(vote.Id, c, c.Flat("1-1-102").Id, Choice.Agree); // the paper says oppose
        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        var first = await factory.VoteAsync(vote.Id);
        Assert.Equal(VoteStatus.Preliminary, first.Status);
        Assert.Equal(2, (await factory.TallyAsync(vote.Id)).Single().Agree.Owners);

        var owner = await AccountInAsync(factory, c, "1-1-102");
        var other = await AccountInAsync(factory, c, "1-1-101");
        await factory.Scoped(sp => sp.GetRequiredService<FileObjection>().RunAsync(vote.Id, c.Id, owner, "我家的纸质票写的是反对"));
        await factory.Scoped(sp => sp.GetRequiredService<FileObjection>().RunAsync(vote.Id, c.Id, other, "参与率太低"));
        var objections = await factory.WithDb(db => db.Set<Objection>().Where(o => o.VoteId == vote.Id).OrderBy(o => o.Id).ToListAsync());
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;

        var noEvidence = await Assert.ThrowsAsync<DomainException>(() => factory.Scoped(sp => sp.GetRequiredService<CorrectCount>().RunAsync(vote.Id, c.Id,
            new CorrectCount.Correction(objections[0].Id, c.Flat("1-1-102").Id, [new MatterChoice(matter, Choice.Oppose)], " ", "已更正"), "committee")));
        Assert.Equal("correction.evidence_required", noEvidence.Code);
        Assert.Equal(2, (await factory.TallyAsync(vote.Id)).Single().Agree.Owners);

        factory.Clock.Offset = TimeSpan.FromDays(1);
        await factory.Scoped(sp => sp.GetRequiredService<CorrectCount>().RunAsync(vote.Id, c.Id,
            new CorrectCount.Correction(objections[0].Id, c.Flat("1-1-102").Id, [new MatterChoice(matter, Choice.Oppose)],
                "纸质票原件第2号为反对，录入时误选同意", "异议成立，已按原件更正"), "committee"));
        await factory.Scoped(sp => sp.GetRequiredService<AnswerObjection>().RunAsync(vote.Id, c.Id, objections[1].Id, "参与人数已达到法定要求，异议不成立", "committee"));

        var result = (await factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(1, result.Agree.Owners);
        Assert.Equal(1, result.Oppose.Owners);
        var second = await factory.VoteAsync(vote.Id);
        Assert.Equal(VoteStatus.Preliminary, second.Status);
        Assert.Equal(2, second.PreliminaryRound);
        Assert.True(second.ObjectionDeadline > first.ObjectionDeadline);
        Assert.InRange(second.ObjectionDeadline!.Value, factory.Clock.GetUtcNow().AddDays(3).AddMinutes(-1), factory.Clock.GetUtcNow().AddDays(3));
        var answered = await factory.WithDb(db => db.Set<Objection>().Where(o => o.VoteId == vote.Id).OrderBy(o => o.Id).ToListAsync());
        Assert.Equal(ObjectionOutcome.Corrected, answered[0].Outcome);
        Assert.NotNull(answered[0].CorrectionId);
        Assert.Equal(ObjectionOutcome.Dismissed, answered[1].Outcome);
        // The owner keeps their receipt code; the correction and its evidence are kept and logged.
        var current = await factory.WithDb(db => db.Set<CurrentBallot>().SingleAsync(b => b.VoteId == vote.Id && b.OwnerOfRecordId == c.Flat("1-1-102").OwnerOfRecordId));
        Assert.Equal(before.ReceiptCode, current.ReceiptCode);
        var correction = await factory.WithDb(db => db.Set<CountCorrection>().SingleAsync(x => x.VoteId == vote.Id));
        Assert.Contains("反对", correction.Evidence);
        Assert.Equal(2, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.VotePreliminaryResult)));
        var verification = await factory.VerifyAsync(vote.Id);
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));

        // The final result waits for the new objection period, then verifies from the log.
        var tooEarly = await Assert.ThrowsAsync<DomainException>(() => factory.Scoped(sp => sp.GetRequiredService<PublishResult>().RunAsync(vote.Id, c.Id, "committee")));
        Assert.Equal("vote.objection_period_running", tooEarly.Code);
        factory.Clock.Offset = TimeSpan.FromDays(5);
        await factory.Scoped(sp => sp.GetRequiredService<PublishResult>().RunAsync(vote.Id, c.Id, "committee"));
        Assert.Equal(VoteStatus.Final, (await factory.VoteAsync(vote.Id)).Status);
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);

        // A log whose correction entry is edited no longer verifies.
        await factory.WithDb(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE VoteAuditEntry SET PayloadJson = replace(PayloadJson, '纸质票原件', '口头说明') WHERE VoteId = {0} AND Action = {1}", vote.Id, AuditActions.CountCorrected));
        Assert.False((await factory.VerifyAsync(vote.Id)).Ok);
    }
}
