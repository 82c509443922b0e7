using Portal.Domain.Shared;
using Portal.Domain.Votes;

namespace Portal.Tests.Votes;

public sealed class VoteLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    private static Vote NewVote(int objectionDays = 3) =>
        new(1, "加装电梯", Scope.OfBuilding(5), T0, T0.AddDays(7), objectionDays, 24, "u", T0);

    [Fact]
    public void Vote_moves_through_its_phases_in_order()
    {
        var vote = NewVote();
        vote.Open(T0);
        Assert.True(vote.AcceptsBallotsAt(T0.AddDays(1)));
        Assert.False(vote.AcceptsBallotsAt(T0.AddDays(7)));
        vote.Close(T0.AddDays(7));
        Assert.Equal(VoteStatus.Counting, vote.Status);
        vote.SignOff(T0.AddDays(7)); // no counting days on this vote
        vote.PublishPreliminary(T0.AddDays(7));
        Assert.Equal(T0.AddDays(10), vote.ObjectionDeadline);
        Assert.True(vote.AcceptsObjectionsAt(T0.AddDays(8)));
        Assert.Throws<DomainException>(() => vote.PublishFinal(T0.AddDays(9), 0));
        Assert.Throws<DomainException>(() => vote.PublishFinal(T0.AddDays(10), 1));
        vote.PublishFinal(T0.AddDays(10), 0);
        Assert.Equal(VoteStatus.Final, vote.Status);
    }

    [Fact]
    public void Illegal_moves_throw()
    {
        var vote = NewVote();
        Assert.Equal("vote.not_open", Assert.Throws<DomainException>(() => vote.Close(T0)).Code);
        vote.Open(T0);
        Assert.Equal("vote.not_draft", Assert.Throws<DomainException>(() => vote.Open(T0)).Code);
        Assert.Equal("vote.not_counted", Assert.Throws<DomainException>(() => vote.PublishPreliminary(T0)).Code);
        vote.Close(T0.AddDays(7));
        Assert.Equal("vote.not_open", Assert.Throws<DomainException>(() => vote.Close(T0.AddDays(7))).Code);
        Assert.Equal("vote.not_counted", Assert.Throws<DomainException>(() => vote.PublishPreliminary(T0.AddDays(7))).Code);
        vote.SignOff(T0.AddDays(7));
        Assert.Equal("count.not_counting", Assert.Throws<DomainException>(() => vote.SignOff(T0.AddDays(7))).Code);
    }

    [Fact]
    public void A_vote_must_close_after_it_opens()
    {
        Assert.Equal("vote.closes_before_opening",
            Assert.Throws<DomainException>(() => new Vote(1, "x", Scope.WholeCompound, T0, T0, 7, 24, "u", T0)).Code);
    }

    [Fact]
    public void Objection_is_answered_once()
    {
        var o = new Objection(1, "u", "票数有误", T0);
        o.AnswerWith("已复核", "c", T0);
        Assert.Throws<DomainException>(() => o.AnswerWith("again", "c", T0));
    }

    [Fact]
    public void Audit_hash_covers_every_field_and_the_previous_hash()
    {
        var a = new VoteAuditEntry(1, 1, T0, AuditActions.Open, "u", "{\"b\":1,\"a\":[2]}", VoteAuditEntry.GenesisHash);
        var same = new VoteAuditEntry(1, 1, T0, AuditActions.Open, "u", "{ \"a\": [2], \"b\": 1 }", VoteAuditEntry.GenesisHash);
        Assert.Equal(a.Hash, same.Hash); // canonical JSON: key order and spacing do not matter
        var other = new VoteAuditEntry(1, 1, T0, AuditActions.Open, "u", "{\"b\":2,\"a\":[2]}", VoteAuditEntry.GenesisHash);
        Assert.NotEqual(a.Hash, other.Hash);
        var next = new VoteAuditEntry(1, 2, T0, AuditActions.Close, "s", "{}", a.Hash);
        Assert.Equal(a.Hash, next.PreviousHash);
        Assert.Equal(64, next.Hash.Length);
    }

    [Fact]
    public void Receipt_codes_are_ten_unambiguous_characters_and_differ()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => ReceiptCodes.New()).ToList();
        Assert.All(codes, c => Assert.Matches("^[A-HJ-NP-Z2-9]{10}$", c));
        Assert.Equal(1000, codes.Distinct().Count());
    }

    [Fact]
    public void Choices_read_english_and_chinese()
    {
        Assert.True(Choices.TryParse("同意", out var a) && a == Choice.Agree);
        Assert.True(Choices.TryParse(" Oppose ", out var o) && o == Choice.Oppose);
        Assert.True(Choices.TryParse("弃权", out var b) && b == Choice.Abstain);
        Assert.False(Choices.TryParse("yes", out _));
    }
}
