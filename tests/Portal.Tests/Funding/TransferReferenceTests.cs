using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Tests.Funding;

public sealed class TransferReferenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Codes_are_six_characters_without_look_alike_letters_and_pass_their_check()
    {
        var random = new Random(15);
        var codes = Enumerable.Range(0, 2_000).Select(_ => TransferReference.New(random)).ToList();
        Assert.All(codes, c =>
        {
            Assert.Equal(6, c.Length);
            Assert.True(TransferReference.IsValid(c), c);
            Assert.DoesNotContain(c, ch => "0O1IL".Contains(ch));
        });
        Assert.True(codes.Distinct().Count() > 1_990);
    }

    [Fact]
    public void Any_single_mistyped_character_fails_the_check()
    {
        var code = TransferReference.New(new Random(7));
        for (var i = 0; i < code.Length; i++)
            foreach (var other in TransferReference.Alphabet.Where(c => c != code[i]))
                Assert.False(TransferReference.IsValid(code[..i] + other + code[(i + 1)..]), $"{code} with {other} at {i}");
    }

    [Fact]
    public void A_memo_is_found_in_lower_case_full_width_or_with_spaces_and_dashes()
    {
        var code = TransferReference.New(new Random(3));
        var fullWidth = string.Concat(code.Select(c => (char)(c + 0xFEE0)));
        string[] known = [code, TransferReference.New(new Random(4))];
        Assert.Equal([code], TransferReference.FoundIn($"电梯款 {code.ToLowerInvariant()}", known));
        Assert.Equal([code], TransferReference.FoundIn($"附言：{fullWidth}", known));
        Assert.Equal([code], TransferReference.FoundIn($"{code[..3]}-{code[3..]}", known));
        Assert.Empty(TransferReference.FoundIn("电梯集资 301室", known));
        Assert.Empty(TransferReference.FoundIn(null, known));
    }

    [Fact]
    public void A_pledge_keeps_its_first_code_and_refuses_an_invalid_one()
    {
        var campaign = new Campaign(1, 1, 1, 10_000, Now.AddDays(30), CampaignMode.AllOrNothing, 0, Now, "committee");
        var pledge = new Pledge(campaign, 7, "u1", 5_000, 5_000, PledgeMethod.Offline, Now);
        Assert.Equal("pledge.reference_invalid", Assert.Throws<DomainException>(() => pledge.AssignTransferReference("ABCDEF")).Code);
        var first = TransferReference.New(new Random(1));
        pledge.AssignTransferReference(first);
        pledge.AssignTransferReference(TransferReference.New(new Random(2)));
        Assert.Equal(first, pledge.TransferReference);
    }

    [Fact]
    public void Money_beyond_the_pledge_is_accepted_only_from_the_bank_and_only_the_excess_is_refundable_while_the_campaign_stands()
    {
        var campaign = new Campaign(1, 1, 1, 10_000, Now.AddDays(30), CampaignMode.AllOrNothing, 0, Now, "committee");
        var pledge = new Pledge(campaign, 7, "u1", 5_000, 5_000, PledgeMethod.Offline, Now);
        Assert.Equal("pledge.overpaid", Assert.Throws<DomainException>(() => pledge.RecordPayment(5_001, Now)).Code);
        pledge.RecordPayment(5_300, Now, acceptExcess: true);
        Assert.Equal(PledgeStatus.Paid, pledge.Status);
        Assert.Equal(0, pledge.OwedFen);
        Assert.Equal(300, pledge.RefundableFen(CampaignStatus.Open));
        Assert.Equal("refund.more_than_refundable", Assert.Throws<DomainException>(() => pledge.RecordRefund(301, CampaignStatus.Succeeded, Now)).Code);
        pledge.RecordRefund(300, CampaignStatus.Succeeded, Now);
        Assert.Equal(PledgeStatus.Paid, pledge.Status);
        Assert.Equal(0, pledge.RefundableFen(CampaignStatus.Succeeded));

        // The campaign is cancelled: the rest goes back too, and then the pledge is refunded.
        Assert.Equal(5_000, pledge.RefundableFen(CampaignStatus.Cancelled));
        pledge.RecordRefund(5_000, CampaignStatus.Cancelled, Now);
        Assert.Equal(PledgeStatus.Refunded, pledge.Status);
        Assert.Equal(0, pledge.RefundableFen(CampaignStatus.Cancelled));
    }
}
