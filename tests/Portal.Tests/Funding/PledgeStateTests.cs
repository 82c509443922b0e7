using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Tests.Funding;

public sealed class PledgeStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static Campaign OpenCampaign(long goal = 10_000, long minimum = 100) =>
        new(1, 1, 1, goal, Now.AddDays(30), CampaignMode.AllOrNothing, minimum, Now, "committee");

    [Fact]
    public void A_card_pledge_moves_pledged_card_saved_charged_paid()
    {
        var pledge = new Pledge(OpenCampaign(), 7, "u1", 5_000, 5_000, PledgeMethod.Card, Now);
        pledge.StartCardSetup("I agree", "cs_1", "cus_1", Now);
        pledge.SaveCard("cus_1", "pm_1");
        pledge.MarkCharged("pi_1");
        pledge.RecordPayment(5_000, Now);
        Assert.Equal(PledgeStatus.Paid, pledge.Status);
        Assert.Equal("owner:7", pledge.HolderKey);
    }

    [Fact]
    public void A_card_cannot_be_saved_without_consent()
    {
        var pledge = new Pledge(OpenCampaign(), 7, "u1", 5_000, 5_000, PledgeMethod.Card, Now);
        Assert.Equal("pledge.consent_required", Assert.Throws<DomainException>(() => pledge.SaveCard("cus", "pm")).Code);
    }

    [Fact]
    public void A_failed_charge_can_be_paid_offline_or_dropped_after_the_grace_period()
    {
        var pledge = new Pledge(OpenCampaign(), 7, "u1", 5_000, 5_000, PledgeMethod.Card, Now);
        pledge.StartCardSetup("I agree", "cs_1", "cus_1", Now);
        pledge.SaveCard("cus_1", "pm_1");
        pledge.MarkActionNeeded("card_declined", "pi_1", Now);
        Assert.False(pledge.GraceOver(Now.AddDays(6), 7));
        Assert.True(pledge.GraceOver(Now.AddDays(7), 7));
        pledge.RecordPayment(2_000, Now);
        Assert.Equal(PledgeStatus.ActionNeeded, pledge.Status);
        pledge.RecordPayment(3_000, Now);
        Assert.Equal(PledgeStatus.Paid, pledge.Status);
        Assert.Throws<DomainException>(() => pledge.Drop(Now));
    }

    [Fact]
    public void Illegal_moves_throw_and_change_nothing()
    {
        var pledge = new Pledge(OpenCampaign(), null, "u1", 5_000, 0, PledgeMethod.Offline, Now);
        Assert.Equal("user:u1", pledge.HolderKey);
        Assert.Equal("pledge.illegal_transition", Assert.Throws<DomainException>(() => pledge.MarkCharged("pi")).Code);
        Assert.Equal("pledge.illegal_transition", Assert.Throws<DomainException>(() => pledge.MarkRefunded(Now)).Code);
        Assert.Equal("pledge.overpaid", Assert.Throws<DomainException>(() => pledge.RecordPayment(5_001, Now)).Code);
        Assert.Equal(PledgeStatus.Pledged, pledge.Status);
    }

    [Fact]
    public void Pledges_below_the_minimum_or_after_the_deadline_are_refused()
    {
        var campaign = OpenCampaign(minimum: 1_000);
        Assert.Equal("pledge.below_minimum", Assert.Throws<DomainException>(() => new Pledge(campaign, 1, "u", 999, 0, PledgeMethod.Offline, Now)).Code);
        var pledge = new Pledge(campaign, 1, "u", 1_000, 0, PledgeMethod.Offline, Now);
        Assert.Equal("pledge.campaign_closed", Assert.Throws<DomainException>(() => pledge.Withdraw(campaign, Now.AddDays(30))).Code);
        pledge.Withdraw(campaign, Now.AddDays(29));
        Assert.Equal(PledgeStatus.Released, pledge.Status);
    }

    [Fact]
    public void An_all_or_nothing_campaign_succeeds_only_at_its_goal()
    {
        var campaign = OpenCampaign(goal: 10_000);
        Assert.Throws<DomainException>(() => campaign.Succeed(9_999, Now));
        campaign.Succeed(10_000, Now);
        Assert.Equal(CampaignStatus.Succeeded, campaign.Status);
    }

    [Fact]
    public void An_expense_needs_a_second_person_and_a_balance_that_covers_it()
    {
        var expense = new Expense(1, 1, 5_000, "电梯公司", "首付款", null, "alice", Now);
        Assert.Equal("expense.same_person", Assert.Throws<DomainException>(() => expense.Approve("alice", 10_000, Now)).Code);
        Assert.Equal("ledger.balance_negative", Assert.Throws<DomainException>(() => expense.Approve("bob", 4_999, Now)).Code);
        expense.Approve("bob", 5_000, Now);
        Assert.Equal(ExpenseStatus.Approved, expense.Status);
    }
}
