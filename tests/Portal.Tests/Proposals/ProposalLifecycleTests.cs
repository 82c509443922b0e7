using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Tests.Proposals;

public sealed class ProposalLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);
    private const string Author = "author";
    private const string Committee = "committee";

    private static Proposal Draft(Scope? scope = null) =>
        new(1, Author, "电动自行车充电棚", "在3号楼北侧建**充电棚**", ProposalCategory.EBikeCharging, scope ?? Scope.WholeCompound, 8_000_000, CostSharingMethod.Voluntary, T0);

    private static Proposal At(ProposalStatus status)
    {
        var p = Draft();
        if (status == ProposalStatus.Draft) return p;
        p.Publish(T0, Author);
        if (status == ProposalStatus.Published) return p;
        if (status == ProposalStatus.Merged) { p.MergeInto(99, T0, Committee); return p; }
        if (status == ProposalStatus.Declined) { p.Decline("重复", T0, Committee); return p; }
        p.SendToReview(T0, Committee);
        if (status == ProposalStatus.UnderReview) return p;
        p.AcceptToVote(10_000_000, CostSharingMethod.ByArea, T0, Committee);
        if (status == ProposalStatus.AcceptedToVote) return p;
        p.StartVote(T0, Committee);
        if (status == ProposalStatus.InVote) return p;
        if (status == ProposalStatus.Rejected) { p.RecordVoteResult(false, T0, Committee); return p; }
        p.RecordVoteResult(true, T0, Committee);
        if (status == ProposalStatus.Approved) return p;
        p.StartFunding(T0, Committee);
        if (status == ProposalStatus.Funding) return p;
        p.StartConstruction(T0, Committee);
        if (status == ProposalStatus.InConstruction) return p;
        p.Complete(T0, Committee);
        return p;
    }

    [Fact]
    public void A_new_proposal_is_a_draft_with_one_timeline_entry()
    {
        var p = Draft();
        Assert.Equal(ProposalStatus.Draft, p.Status);
        Assert.Single(p.Timeline);
        Assert.Equal(ProposalStatus.Draft, p.Timeline[0].Status);
    }

    [Fact]
    public void Publishing_opens_support_for_sixty_days()
    {
        var p = At(ProposalStatus.Published);
        Assert.Equal(T0, p.PublishedAt);
        Assert.Equal(T0.AddDays(60), p.SupportClosesAt);
        Assert.True(p.IsOpenForSupport);
    }

    [Fact]
    public void The_whole_happy_path_appends_one_timeline_entry_per_step()
    {
        var p = At(ProposalStatus.Completed);
        Assert.Equal(
            [ProposalStatus.Draft, ProposalStatus.Published, ProposalStatus.UnderReview, ProposalStatus.AcceptedToVote, ProposalStatus.InVote,
             ProposalStatus.Approved, ProposalStatus.Funding, ProposalStatus.InConstruction, ProposalStatus.Completed],
            p.Timeline.Select(t => t.Status));
        Assert.Equal(10_000_000, p.AcceptedCostFen);
        Assert.Equal(CostSharingMethod.ByArea, p.AcceptedCostSharing);
    }

    [Fact]
    public void Reaching_the_threshold_while_published_sends_to_review()
    {
        var p = At(ProposalStatus.Published);
        Assert.False(p.RecordSupportCount(2, 3, T0));
        Assert.Equal(ProposalStatus.Published, p.Status);
        Assert.True(p.RecordSupportCount(3, 3, T0));
        Assert.Equal(ProposalStatus.UnderReview, p.Status);
        Assert.False(p.RecordSupportCount(4, 3, T0));
        Assert.Equal(4, p.SupportCount);
        Assert.False(p.SupportWithdrawable);
    }

    [Fact]
    public void A_rejected_vote_ends_the_proposal()
    {
        var p = At(ProposalStatus.Rejected);
        Assert.Throws<DomainException>(() => p.StartFunding(T0, Committee));
    }

    [Fact]
    public void An_approved_upgrade_paid_by_subsidy_may_skip_funding()
    {
        var p = At(ProposalStatus.Approved);
        p.StartConstruction(T0, Committee);
        Assert.Equal(ProposalStatus.InConstruction, p.Status);
    }

    [Fact]
    public void Decline_needs_a_public_reason_and_keeps_it_on_the_timeline()
    {
        var p = At(ProposalStatus.UnderReview);
        Assert.Equal("proposal.reason_required", Assert.Throws<DomainException>(() => p.Decline(" ", T0, Committee)).Code);
        p.Decline("已列入基础类改造", T0, Committee);
        Assert.Equal(ProposalStatus.Declined, p.Status);
        Assert.Equal("已列入基础类改造", p.Timeline[^1].Note);
    }

    [Fact]
    public void Merge_records_the_target_and_refuses_itself()
    {
        var p = At(ProposalStatus.UnderReview);
        Assert.Throws<DomainException>(() => p.MergeInto(p.Id, T0, Committee));
        p.MergeInto(42, T0, Committee);
        Assert.Equal(42, p.MergedIntoId);
        Assert.Equal(ProposalStatus.Merged, p.Status);
    }

    [Fact]
    public void Accepting_to_a_vote_needs_a_positive_cost_estimate()
    {
        var p = At(ProposalStatus.UnderReview);
        Assert.Equal("proposal.cost_required", Assert.Throws<DomainException>(() => p.AcceptToVote(0, CostSharingMethod.ByArea, T0, Committee)).Code);
        Assert.Equal(ProposalStatus.UnderReview, p.Status);
    }

    public static TheoryData<ProposalStatus, string> IllegalJumps() => new()
    {
        { ProposalStatus.Draft, "review" },
        { ProposalStatus.Draft, "accept" },
        { ProposalStatus.Draft, "decline" },
        { ProposalStatus.Published, "accept" },
        { ProposalStatus.Published, "vote" },
        { ProposalStatus.Published, "publish" },
        { ProposalStatus.UnderReview, "vote" },
        { ProposalStatus.UnderReview, "result" },
        { ProposalStatus.AcceptedToVote, "decline" },
        { ProposalStatus.AcceptedToVote, "merge" },
        { ProposalStatus.AcceptedToVote, "result" },
        { ProposalStatus.InVote, "funding" },
        { ProposalStatus.Approved, "complete" },
        { ProposalStatus.Funding, "complete" },
        { ProposalStatus.Merged, "review" },
        { ProposalStatus.Declined, "accept" },
        { ProposalStatus.Completed, "construction" },
        { ProposalStatus.Rejected, "vote" },
    };

    [Theory]
    [MemberData(nameof(IllegalJumps))]
    public void An_illegal_jump_is_refused_and_changes_nothing(ProposalStatus from, string step)
    {
        var p = At(from);
        var entries = p.Timeline.Count;
        Action act = step switch
        {
            "publish" => () => p.Publish(T0, Author),
            "review" => () => p.SendToReview(T0, Committee),
            "accept" => () => p.AcceptToVote(100, CostSharingMethod.EqualPerFlat, T0, Committee),
            "merge" => () => p.MergeInto(7, T0, Committee),
            "decline" => () => p.Decline("x", T0, Committee),
            "vote" => () => p.StartVote(T0, Committee),
            "result" => () => p.RecordVoteResult(true, T0, Committee),
            "funding" => () => p.StartFunding(T0, Committee),
            "construction" => () => p.StartConstruction(T0, Committee),
            "complete" => () => p.Complete(T0, Committee),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        var ex = Assert.Throws<DomainException>(act);
        Assert.Equal("proposal.illegal_transition", ex.Code);
        Assert.Equal(from, p.Status);
        Assert.Equal(entries, p.Timeline.Count);
    }

    [Theory]
    [InlineData(ProposalStatus.Approved, PlanItemStatus.Planned, false, ProposalStatus.Approved)]
    [InlineData(ProposalStatus.Approved, PlanItemStatus.Approved, true, ProposalStatus.Funding)]
    [InlineData(ProposalStatus.Approved, PlanItemStatus.InConstruction, false, ProposalStatus.InConstruction)]
    [InlineData(ProposalStatus.Approved, PlanItemStatus.Accepted, true, ProposalStatus.Completed)]
    [InlineData(ProposalStatus.Funding, PlanItemStatus.Tendering, true, ProposalStatus.Funding)]
    [InlineData(ProposalStatus.Funding, PlanItemStatus.InConstruction, true, ProposalStatus.InConstruction)]
    [InlineData(ProposalStatus.InConstruction, PlanItemStatus.Completed, true, ProposalStatus.Completed)]
    [InlineData(ProposalStatus.Completed, PlanItemStatus.Accepted, true, ProposalStatus.Completed)]
    [InlineData(ProposalStatus.InVote, PlanItemStatus.InConstruction, true, ProposalStatus.InVote)]
    [InlineData(ProposalStatus.Rejected, PlanItemStatus.Completed, true, ProposalStatus.Rejected)]
    [InlineData(ProposalStatus.Approved, PlanItemStatus.Cancelled, false, ProposalStatus.Approved)]
    public void After_approval_a_proposal_follows_its_plan_item_and_campaign(ProposalStatus from, PlanItemStatus item, bool campaignOpened, ProposalStatus expected)
    {
        var p = At(from);
        var entries = p.Timeline.Count;
        var moved = p.FollowPlanItem(item, campaignOpened, T0, "plan-item:1");
        Assert.Equal(expected, p.Status);
        Assert.Equal(expected != from, moved);
        // Every step it passes is on the timeline: approved → funding (if a campaign opened) → in construction → completed.
        var passed = p.Timeline.Skip(entries).Select(e => e.Status).ToList();
        Assert.Equal(passed.Count == 0 ? from : passed[^1], p.Status);
        if (from == ProposalStatus.Approved && expected == ProposalStatus.Completed)
            Assert.Equal([ProposalStatus.Funding, ProposalStatus.InConstruction, ProposalStatus.Completed], passed);
    }

    [Fact]
    public void Only_a_draft_can_be_revised_or_get_photos()
    {
        var p = At(ProposalStatus.Published);
        Assert.Equal("proposal.not_draft", Assert.Throws<DomainException>(() => p.AddPhoto(Guid.NewGuid())).Code);
        Assert.Throws<DomainException>(() => p.Revise("t", "d", ProposalCategory.Other, Scope.WholeCompound, null, null));
    }

    [Fact]
    public void A_seventh_photo_is_refused()
    {
        var p = Draft();
        for (var i = 0; i < 6; i++) p.AddPhoto(Guid.NewGuid());
        Assert.Equal("proposal.too_many_photos", Assert.Throws<DomainException>(() => p.AddPhoto(Guid.NewGuid())).Code);
    }

    [Theory]
    [InlineData(0, 500, 3)]
    [InlineData(40, 500, 3)]
    [InlineData(60, 500, 3)]
    [InlineData(61, 500, 4)]
    [InlineData(100, 500, 5)]
    [InlineData(101, 500, 6)]
    [InlineData(1000, 1000, 100)]
    public void Threshold_is_a_rounded_up_share_of_flats_but_at_least_three(int flats, int basisPoints, int expected) =>
        Assert.Equal(expected, SupportThreshold.For(flats, basisPoints));

    [Fact]
    public void Residents_propose_only_for_the_compound_or_where_they_live()
    {
        var tenant = new Membership(true, false, false, [], [new FlatTie(1, 1, BuildingId: 10, EntranceId: 100, ResidentRelation.Tenant)]);
        Assert.True(Proposal.MayProposeFor(tenant, Scope.WholeCompound));
        Assert.True(Proposal.MayProposeFor(tenant, Scope.OfBuilding(10)));
        Assert.True(Proposal.MayProposeFor(tenant, Scope.OfEntrance(10, 100)));
        Assert.False(Proposal.MayProposeFor(tenant, Scope.OfBuilding(11)));
        Assert.False(Proposal.MayProposeFor(tenant, Scope.OfEntrance(10, 101)));
        var committee = new Membership(true, false, false, [new CompoundRoleGrant(CompoundRoleKind.Committee, null, null)], []);
        Assert.False(Proposal.MayProposeFor(committee, Scope.WholeCompound));
    }

    [Fact]
    public void Only_residents_in_scope_other_than_the_author_support_from_publication_until_the_vote()
    {
        var p = Draft(Scope.OfEntrance(10, 100));
        var inside = new Membership(true, false, false, [], [new FlatTie(1, 1, 10, 100, ResidentRelation.Family)]);
        var outside = new Membership(true, false, false, [], [new FlatTie(2, 2, 10, 101, ResidentRelation.Owner)]);
        Assert.False(p.CanBeSupportedBy(inside, "neighbour"));
        p.Publish(T0, Author);
        Assert.True(p.CanBeSupportedBy(inside, "neighbour"));
        Assert.False(p.CanBeSupportedBy(inside, Author));
        Assert.False(p.CanBeSupportedBy(outside, "other"));
        p.SendToReview(T0, Committee);
        Assert.True(p.CanBeSupportedBy(inside, "neighbour"));
        p.AcceptToVote(100, CostSharingMethod.ByArea, T0, Committee);
        p.StartVote(T0, Committee);
        Assert.False(p.CanBeSupportedBy(inside, "neighbour"));
    }

    [Fact]
    public void Comments_are_editable_by_their_author_for_fifteen_minutes()
    {
        var c = new ProposalComment(1, null, "u1", "好主意", T0);
        Assert.Throws<DomainException>(() => c.Edit("改", "u2", T0.AddMinutes(1)));
        c.Edit("很好的主意", "u1", T0.AddMinutes(15));
        Assert.Equal("很好的主意", c.Body);
        Assert.Equal("comment.edit_window_passed", Assert.Throws<DomainException>(() => c.Edit("再改", "u1", T0.AddMinutes(15).AddSeconds(1))).Code);
    }

    [Fact]
    public void Replies_go_only_one_level_deep()
    {
        var top = new ProposalComment(1, null, "u1", "a", T0);
        var reply = new ProposalComment(1, top, "u2", "b", T0);
        Assert.Equal("comment.reply_too_deep", Assert.Throws<DomainException>(() => new ProposalComment(1, reply, "u3", "c", T0)).Code);
    }

    [Fact]
    public void Hiding_a_comment_needs_a_reason_and_stops_editing()
    {
        var c = new ProposalComment(1, null, "u1", "广告", T0);
        Assert.Throws<DomainException>(() => c.Hide("", "c", T0));
        c.Hide("广告内容", "c", T0);
        Assert.True(c.IsHidden);
        Assert.False(c.CanBeEditedBy("u1", T0));
    }
}
